using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>How a scan behaves over real HTTPS through the Azure SDK pipeline: scoping, errors, throttling, request counts.</summary>
public sealed class ScanBehaviourTests
{
    [Fact]
    public void Malformed_vm_id_is_rejected_with_the_expected_shape_named()
    {
        var ex = Assert.Throws<AzBackupTroubleshoot.Errors.AzbtException>(() => new ScanScope().AddVm("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"));
        Assert.Contains("is not a virtual machine resource id", ex.Message);
        Assert.Throws<AzBackupTroubleshoot.Errors.AzbtException>(() => new ScanScope().AddVm($"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa"));
        Assert.Throws<AzBackupTroubleshoot.Errors.AzbtException>(() => new ScanScope().AddSubscription("abc"));
    }

    [Fact]
    public async Task Whole_subscription_scan_reports_every_vm_with_every_check()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg-a", 3).Vms(Sub1, "rg-b", 2, "app").Build());
        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));

        Assert.Empty(outcome.Errors);
        Assert.Equal(5, outcome.Results.Select(r => r.VmId).Distinct().Count());
        Assert.Equal(5 * CheckCatalog.All.Count, outcome.Results.Count);
        Assert.Equal(100, outcome.Progress.Last().PercentComplete);
    }

    [Fact]
    public async Task Missing_vm_is_a_not_found_scope_error_and_the_other_vm_is_still_scanned()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "present").Build());
        var scope = new ScanScope().AddVm(VmId(Sub1, "rg", "present")).AddVm(VmId(Sub1, "rg", "ghost"));

        var outcome = await azure.ScanAsync(scope);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("VirtualMachineNotFound", error.ErrorId);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.NotFound, error.Kind);
        Assert.Contains("ghost", error.Scope);
        Assert.All(outcome.Results, r => Assert.Equal("present", r.VmName));
        Assert.NotEmpty(outcome.Results);
    }

    [Fact]
    public async Task Missing_resource_group_is_a_scope_error()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Build());
        var outcome = await azure.ScanAsync(new ScanScope().AddResourceGroup(Sub1, "no-such-group").AddResourceGroup(Sub1, "rg"));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("ResourceGroupNotFound", error.ErrorId);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.NotFound, error.Kind);
        Assert.All(outcome.Results, r => Assert.Equal("vm1", r.VmName));
    }

    [Fact]
    public async Task Forbidden_subscription_is_one_permission_error_and_the_other_subscription_is_scanned()
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Forbidden(Sub2)
            .Vm(Sub1, "rg", "allowed").Vm(Sub2, "rg", "hidden").Build();
        await using var azure = await EmulatedAzure.StartAsync(scenario);

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1).AddSubscription(Sub2));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.Authorization, error.Kind);
        Assert.Equal("AuthorizationFailed", error.ErrorId);
        Assert.Equal($"/subscriptions/{Sub2}", error.Scope);
        Assert.Contains("Reader", error.Message);
        Assert.NotEmpty(outcome.Results);
        Assert.All(outcome.Results, r => Assert.Equal("allowed", r.VmName));
    }

    [Fact]
    public async Task Throttling_with_retry_after_is_retried_by_the_pipeline_and_the_scan_completes()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 4).Build());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "virtualMachines$", Status = 429, RetryAfterSeconds = 1, Times = 2 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));

        Assert.Empty(outcome.Errors);
        Assert.Equal(4, outcome.Results.Select(r => r.VmId).Distinct().Count());
        // Two lists (the models, and statusOnly=true for the run-time status) share the two throttled answers; each ends in a 200.
        var vmListCalls = azure.Emulator.Requests.Entries.Where(e => e.Path.EndsWith("virtualMachines", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, vmListCalls.Count(e => e.Status == 429));
        Assert.Equal(2, vmListCalls.Count(e => e.Status == 200));
        Assert.Equal(new[] { "", "statusOnly=true" }, vmListCalls.Where(e => e.Status == 200).Select(e => e.Query.Contains("statusOnly=true") ? "statusOnly=true" : "").OrderBy(q => q).ToArray());
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_a_throttled_scope_error()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 2).Build());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "virtualMachines$", Status = 429, RetryAfterSeconds = 0, Times = 100 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1), maxRetries: 2);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.Throttled, error.Kind);
        Assert.Empty(outcome.Results);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_error_that_recovers_is_retried(int status)
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 2).Build());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "Microsoft.Authorization/locks$", Status = status, Times = 1 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));

        Assert.Empty(outcome.Errors);
        Assert.Equal(2, outcome.Results.Select(r => r.VmId).Distinct().Count());
        Assert.Contains(azure.Emulator.Requests.Entries, e => e.Status == status);
    }

    [Fact]
    public async Task An_unreadable_part_marks_dependent_checks_skipped_instead_of_passing()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Build());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "Microsoft.Authorization/locks$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 100 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.Authorization, error.Kind);
        var lockResults = outcome.Results.Where(r => r.CheckId.StartsWith("Lock.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lockResults);
        Assert.All(lockResults, r => Assert.Equal(CheckStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task When_the_statusOnly_list_carries_the_statuses_alone_running_vms_are_read_one_by_one_and_the_verdicts_hold()
    {
        async Task<(List<string> Verdicts, int InstanceViewReads)> ScanWith(bool statusesOnly)
        {
            var scenario = new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 3).Vm(Sub1, "rg", "vm-off", "deallocated").Build();
            scenario.Settings.StatusOnlyStatusesOnly = statusesOnly;
            await using var azure = await EmulatedAzure.StartAsync(scenario);
            var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));
            Assert.Empty(outcome.Errors);
            return (outcome.Results.Select(r => $"{r.VmName} {r.CheckId} {r.Status}").OrderBy(v => v, StringComparer.Ordinal).ToList(),
                azure.Emulator.Requests.Count("GET", "/instanceView"));
        }

        var full = await ScanWith(statusesOnly: false);
        var reduced = await ScanWith(statusesOnly: true);

        Assert.Equal(0, full.InstanceViewReads);
        Assert.Equal(3, reduced.InstanceViewReads); // the running ones
        Assert.Equal(full.Verdicts.Where(v => !v.StartsWith("vm-off ", StringComparison.Ordinal)), reduced.Verdicts.Where(v => !v.StartsWith("vm-off ", StringComparison.Ordinal)));
        // a deallocated VM's agent is not read one by one: what ARM did not give is skipped, never failed
        Assert.DoesNotContain(reduced.Verdicts, v => v.StartsWith("vm-off ", StringComparison.Ordinal) && v.EndsWith(" Fail", StringComparison.Ordinal));
        Assert.Contains("vm-off Agent.Version Skipped", reduced.Verdicts);
    }

    [Fact]
    public async Task Requests_grow_with_lists_not_with_vms()
    {
        async Task<int> RequestsFor(int vms)
        {
            await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", vms).Build());
            await azure.ScanAsync(new ScanScope().AddSubscription(Sub1));
            return azure.Emulator.Requests.Total;
        }

        var small = await RequestsFor(5);
        var large = await RequestsFor(45); // page size 50: still one page of VMs
        Assert.Equal(small, large);
    }

    [Fact]
    public async Task A_few_vms_by_id_are_read_one_by_one_and_many_in_one_group_by_listing_the_group()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 6).Build());
        var few = new ScanScope().AddVm(VmId(Sub1, "rg", "vm0000")).AddVm(VmId(Sub1, "rg", "vm0001"));
        await azure.ScanAsync(few);
        Assert.Equal(2, azure.Emulator.Requests.Count("GET", "/virtualMachines/vm000"));
        Assert.Equal(0, azure.Emulator.Requests.Entries.Count(e => e.Path.EndsWith("/virtualMachines", StringComparison.OrdinalIgnoreCase)));

        azure.Emulator.Requests.Reset();
        var many = new ScanScope();
        for (var i = 0; i < 4; i++) many.AddVm(VmId(Sub1, "rg", $"vm{i:D4}"));
        var outcome = await azure.ScanAsync(many);
        // the group's models, and the subscription's statusOnly list for their run-time status
        Assert.Equal(1, azure.Emulator.Requests.Entries.Count(e => e.Path.EndsWith("/rg/providers/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, azure.Emulator.Requests.Entries.Count(e => e.Path.EndsWith($"/{Sub1}/providers/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase) && e.Query.Contains("statusOnly=true")));
        Assert.Equal(0, azure.Emulator.Requests.Count("GET", "/instanceView"));
        Assert.Equal(4, outcome.Results.Select(r => r.VmId).Distinct().Count()); // the other two VMs of the group are not reported
    }

    [Fact]
    public async Task The_token_never_appears_in_errors()
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Forbidden(Sub2).Vm(Sub1, "rg", "vm1").Build();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub2));
        Assert.NotEmpty(outcome.Errors);
        Assert.All(outcome.Errors, e => Assert.DoesNotContain("test-token", e.Message));
    }
}
