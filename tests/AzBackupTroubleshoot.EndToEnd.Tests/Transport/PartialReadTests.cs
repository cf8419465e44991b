using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Transport;

/// <summary>
/// Reads that fail part-way: a later page of a list, one list of a subscription. A failed page is retried like any
/// request; when it still fails the scope is reported as partly read and no VM passes on data that was not read.
/// </summary>
public sealed class PartialReadTests : IDisposable
{
    private const string VmList = "/providers/Microsoft.Compute/virtualMachines$";
    private readonly TempFolder _temp = new("azbt-partial-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    /// <summary>Five VMs listed two per page, with the given fault rules armed from the start.</summary>
    private static string FiveVmsTwoPerPage(params JsonObject[] faults)
    {
        var scenario = JsonNode.Parse(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 5).ToJson())!.AsObject();
        scenario["settings"]!["pageSize"] = 2;
        scenario["settings"]!["faults"] = new JsonArray(faults.Select(f => (JsonNode)f).ToArray());
        return scenario.ToJsonString();
    }

    private static JsonObject LaterPagesFail(int status, int times)
        => new() { ["method"] = "GET", ["path"] = VmList, ["query"] = @"\$skiptoken=", ["status"] = status, ["times"] = times };

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>
    /// A VM list that fails on a later page leaves only what was streamed from the pages read: the checks that read the
    /// VM alone, of those VMs (they ran as the page came). Nothing that needs the subscription's other lists.
    /// </summary>
    private static void AssertOnlyVmChecksOfTheFirstPage(IEnumerable<(string VmName, string CheckId)> results)
    {
        var list = results.ToList();
        Assert.All(list, r => Assert.Equal(ReadinessStep.VmAlone, CheckCatalog.Find(r.CheckId)!.Step));
        Assert.True(list.Select(r => r.VmName).Distinct().Count() <= 2, "results for VMs beyond the first page");
    }

    [Fact]
    public async Task A_404_on_page_2_of_the_VM_list_is_a_partial_scope_with_exit_3_and_only_the_VM_checks_of_page_1()
    {
        var path = Write(FiveVmsTwoPerPage(LaterPagesFail(404, 100)));
        var (exit, stdout, stderr) = await CliRun.Run("readiness", "--scenario", path, "--subscription", Sub1, "--output", "json");

        Assert.Equal(ExitCodes.ScopeErrors, exit);
        var error = Assert.Single(stderr.Split('\n'), l => l.StartsWith("error: "));
        Assert.Contains("Page 2 of the list failed", error);
        Assert.Contains("Could not list virtual machines", error);
        Assert.DoesNotContain("was not found", error); // the subscription is there; one of its pages was not
        using var doc = JsonDocument.Parse(stdout);
        AssertOnlyVmChecksOfTheFirstPage(doc.RootElement.EnumerateArray().Select(r => (r.GetProperty("vmName").GetString()!, r.GetProperty("checkId").GetString()!)));
    }

    [Fact]
    public async Task Without_the_fault_the_same_scenario_passes_all_five_VMs()
    {
        var path = Write(FiveVmsTwoPerPage());
        var (exit, stdout, _) = await CliRun.Run("readiness", "--scenario", path, "--subscription", Sub1, "--check", "Vm.PowerState", "--output", "json");
        Assert.Equal(ExitCodes.Success, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(5, doc.RootElement.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Pass"));
    }

    [Fact]
    public async Task A_404_on_page_2_of_a_resource_groups_VM_list_is_not_reported_as_a_missing_resource_group()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario.Parse(FiveVmsTwoPerPage()));
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/resourceGroups/rg" + VmList, QueryPattern = @"\$skiptoken=", Status = 404, Times = 100 });
        var outcome = await azure.ScanAsync(new ScanScope().AddResourceGroup(Sub1, "rg"), new[] { "Vm.PowerState" });

        var error = Assert.Single(outcome.Errors);
        Assert.Contains("Page 2 of the list failed", error.Message);
        Assert.DoesNotContain("resource group was not found", error.Message);
        AssertOnlyVmChecksOfTheFirstPage(outcome.Results.Select(r => (r.VmName, r.CheckId)));
    }

    [Fact]
    public async Task A_page_that_fails_once_is_retried_and_every_VM_is_read()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario.Parse(FiveVmsTwoPerPage()));
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = VmList, QueryPattern = @"\$skiptoken=", Status = 503, Times = 1 });
        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1), new[] { "Vm.PowerState" }, maxRetries: 2);

        Assert.Empty(outcome.Errors);
        Assert.Equal(5, outcome.Results.Count(r => r.Status == CheckStatus.Pass));
        var vmLists = azure.Emulator.Requests.Entries.Where(e => e.Method == "GET" && e.Path.EndsWith("/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase)).ToList();
        var failed = Assert.Single(vmLists, e => e.Status == 503);
        Assert.Contains("$skiptoken=", failed.Query);
        Assert.Contains(vmLists, e => e.Query == failed.Query && e.Status == 200); // the same page again, answered
    }

    [Fact]
    public async Task A_401_for_one_subscription_is_a_token_problem_not_a_missing_role()
    {
        var scenario = JsonNode.Parse(new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Vm(Sub1, "rg", "one").Vm(Sub2, "rg", "two").ToJson())!.AsObject();
        scenario["settings"]!["faults"] = new JsonArray(new JsonObject
        {
            ["path"] = $"^/subscriptions/{Sub2}/", ["status"] = 401, ["errorCode"] = "InvalidAuthenticationTokenTenant", ["times"] = 100,
        });
        var path = Write(scenario.ToJsonString());
        var (exit, stdout, stderr) = await CliRun.Run("readiness", "--scenario", path, "--subscription", Sub1, "--subscription", Sub2, "--check", "Vm.PowerState", "--output", "json");

        Assert.Equal(ExitCodes.ScopeErrors, exit);
        var error = Assert.Single(stderr.Split('\n'), l => l.StartsWith("error: "));
        Assert.StartsWith("error: InvalidAuthenticationTokenTenant: ", error);
        Assert.Contains("tenant", error);
        Assert.DoesNotContain("Reader role", error);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(new[] { "one" }, doc.RootElement.EnumerateArray().Select(r => r.GetProperty("vmName").GetString()).Distinct().ToArray());
    }

    [Fact]
    public async Task An_expired_token_ends_the_scan_with_exit_5_not_a_scope_error_per_subscription()
    {
        var scenario = JsonNode.Parse(new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Vm(Sub1, "rg", "one").Vm(Sub2, "rg", "two").ToJson())!.AsObject();
        scenario["settings"]!["faults"] = new JsonArray(new JsonObject
        {
            ["path"] = "^/subscriptions/", ["status"] = 401, ["errorCode"] = "ExpiredAuthenticationToken", ["times"] = 1000,
        });
        var path = Write(scenario.ToJsonString());
        var (exit, stdout, stderr) = await CliRun.Run("readiness", "--scenario", path, "--subscription", Sub1, "--subscription", Sub2, "--check", "Vm.PowerState");

        Assert.Equal(ExitCodes.Authentication, exit);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ExpiredAuthenticationToken: ", line);
        Assert.DoesNotContain("Reader role", line);
        Assert.DoesNotContain("Pass", stdout);
    }

    // ---- a check whose input could not be read never passes ----

    private const string DiskId = "/subscriptions/" + Sub1 + "/resourceGroups/rg/providers/Microsoft.Compute/disks/big-os";

    /// <summary>One VM whose OS disk is a 5 TB disk encrypted with Azure Disk Encryption (the limit is 4 TB).</summary>
    private static Scenario BigEncryptedDisk()
    {
        var scenario = JsonNode.Parse(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "big").ToJson())!.AsObject();
        var vm = scenario["resources"]!.AsArray()[0]!;
        var osDisk = vm["properties"]!["storageProfile"]!["osDisk"]!;
        osDisk["diskSizeGB"] = 5120;
        osDisk["managedDisk"] = new JsonObject { ["id"] = DiskId, ["storageAccountType"] = "Premium_LRS" };
        scenario["resources"]!.AsArray().Add(JsonNode.Parse($$"""
        {
          "id": "{{DiskId}}", "name": "big-os", "type": "Microsoft.Compute/disks", "location": "westeurope",
          "sku": { "name": "Premium_LRS" },
          "properties": { "diskSizeGB": 5120, "osType": "Windows", "diskState": "Attached",
                          "encryptionSettingsCollection": { "enabled": true, "encryptionSettings": [] } }
        }
        """));
        return Scenario.Parse(scenario.ToJsonString());
    }

    [Fact]
    public async Task With_the_disks_read_a_5_TB_encrypted_disk_fails_Disks_SupportedSize()
    {
        await using var azure = await EmulatedAzure.StartAsync(BigEncryptedDisk());
        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1), new[] { "Disks.SupportedSize" });
        Assert.Equal(CheckStatus.Fail, outcome.Single("big", "Disks.SupportedSize").Status);
    }

    [Fact]
    public async Task When_the_disk_list_fails_after_its_retries_Disks_SupportedSize_is_skipped_with_the_reason_not_passed()
    {
        await using var azure = await EmulatedAzure.StartAsync(BigEncryptedDisk());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/providers/Microsoft.Compute/disks$", Status = 500, Times = 100 });
        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub1), new[] { "Disks.SupportedSize" }, maxRetries: 2);

        var result = outcome.Single("big", "Disks.SupportedSize");
        Assert.Equal(CheckStatus.Skipped, result.Status);
        Assert.Contains("could not be read", result.Message);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("Listing managed disks"));
        Assert.Equal(3, azure.Emulator.Requests.Count("GET", "/providers/Microsoft.Compute/disks")); // first try and two retries
    }
}
