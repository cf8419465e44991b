using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>Repair-AzVmBackupExtension, Start-AzVmBackup and Stop-AzVmBackupJob engines end to end.</summary>
public sealed class ExtensionAndJobRepairTests
{
    private static readonly string Vm = VmId(Sub1, "rg", "vm1");
    private static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");

    /// <summary>vm1 with its VMSnapshot extension in the given state: as a child resource, in the VM's resources and in its instance view, as ARM has it.</summary>
    private static Task<EmulatedAzure> StartWithExtension(string provisioningState, string statusCode, string level)
    {
        var builder = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault);
        builder.Resource($$"""
        { "id": "{{Vm}}/extensions/VMSnapshot", "name": "VMSnapshot", "type": "Microsoft.Compute/virtualMachines/extensions", "location": "westeurope",
          "properties": { "publisher": "Microsoft.Azure.RecoveryServices", "type": "VMSnapshot", "typeHandlerVersion": "1.0", "provisioningState": "{{provisioningState}}" } }
        """);
        var scenario = builder.Build();
        var vm = scenario.Get(Vm)!.AsObject();
        vm["resources"] = new JsonArray(JsonNode.Parse($$"""{ "id": "{{Vm}}/extensions/VMSnapshot", "name": "VMSnapshot", "properties": { "provisioningState": "{{provisioningState}}" } }"""));
        var ext = vm["properties"]!["instanceView"]!["extensions"]![0]!;
        ext["statuses"] = new JsonArray(JsonNode.Parse($$"""{ "code": "{{statusCode}}", "level": "{{level}}", "displayStatus": "Provisioning {{provisioningState}}" }"""));
        scenario.Add(vm); // Get returns a copy: store the changed VM back
        return EmulatedAzure.StartAsync(scenario);
    }

    [Theory]
    [InlineData("Failed", "ProvisioningState/failed/-2147467259", "Error")]
    [InlineData("Deleting", "ProvisioningState/deleting", "Info")]
    public async Task A_failed_or_stuck_backup_extension_is_removed(string state, string code, string level)
    {
        await using var azure = await StartWithExtension(state, code, level);
        var connection = azure.Connect();
        var vm = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);

        var action = BackupExtensionRepair.Plan(vm);
        Assert.NotNull(action);
        action!.Approved = true;
        var record = await new BackupExtensionRepair(connection).ExecuteAsync(vm.VmId, action, CancellationToken.None);

        Assert.Equal(RepairStatus.Done, record.Status);
        Assert.Contains("the instance view no longer reports it", record.Message);
        Assert.Null(azure.Emulator.Scenario.Get($"{Vm}/extensions/VMSnapshot"));
    }

    [Fact]
    public async Task A_backup_extension_that_is_not_an_ARM_resource_is_not_reported_removed_while_the_guest_still_runs_it()
    {
        // Only in the instance view (the guest reports the handler), no extensions/VMSnapshot resource.
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault).Build();
        var vm = scenario.Get(Vm)!.AsObject();
        var ext = vm["properties"]!["instanceView"]!["extensions"]![0]!;
        ext["statuses"] = new JsonArray(JsonNode.Parse("""{ "code": "ProvisioningState/failed/-2147467259", "level": "Error", "displayStatus": "Provisioning failed" }"""));
        scenario.Add(vm);
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var connection = azure.Connect();
        var inventory = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);
        var action = BackupExtensionRepair.Plan(inventory);
        Assert.NotNull(action);
        action!.Approved = true;

        var record = await new BackupExtensionRepair(connection).ExecuteAsync(inventory.VmId, action, CancellationToken.None);

        Assert.Equal(RepairStatus.Failed, record.Status);
        Assert.Equal("ExtensionStillInGuest", record.ErrorCode);
        Assert.Contains("the handler still runs in the guest; uninstall it there", record.Message);
        Assert.Equal(1, azure.Emulator.Requests.Count("DELETE", "/extensions/"));
        // (the emulator answers 204 to a DELETE of a resource it does not hold, as ARM's resource providers usually do;
        // some answer 404: the outcome is read from the instance view either way)
        Assert.Equal(1, azure.Emulator.Requests.Count("GET", "/instanceView")); // the outcome was read back from the guest's view
    }

    [Fact]
    public async Task A_healthy_extension_is_left_alone_and_what_if_writes_nothing()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Build());
        var connection = azure.Connect();
        var vm = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);
        Assert.Null(BackupExtensionRepair.Plan(vm));

        await using var broken = await StartWithExtension("Failed", "ProvisioningState/failed", "Error");
        var brokenConnection = broken.Connect();
        var brokenVm = await VmInventoryReader.ReadAsync(brokenConnection, Vm, CancellationToken.None);
        broken.Emulator.Requests.Reset();
        var record = await new BackupExtensionRepair(brokenConnection).ExecuteAsync(Vm, BackupExtensionRepair.Plan(brokenVm)!, CancellationToken.None);
        Assert.Equal(RepairStatus.WhatIf, record.Status);
        Assert.Equal(0, broken.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task Extension_removal_is_refused_while_a_backup_job_runs()
    {
        var builder = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault).Job(Vault, Vm, "job-running", "InProgress", actions: "Cancellable");
        await using var azure = await EmulatedAzure.StartAsync(builder.Build());
        var vm = await VmInventoryReader.ReadAsync(azure.Connect(), Vm, CancellationToken.None);

        var ex = Assert.Throws<RepairRefusedException>(() => BackupExtensionRepair.Plan(vm));
        Assert.Equal("BackupJobInProgress", ex.ErrorId);
        Assert.Contains("Stop-AzVmBackupJob", ex.Message);
    }

    [Fact]
    public async Task On_demand_backup_starts_a_job()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault).Build());
        var connection = azure.Connect();
        var vm = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);

        var record = await new BackupTrigger(connection).StartAsync(Vm, vm.Protection.Single().ProtectedItem.Id(), DateTimeOffset.UtcNow.AddDays(7), CancellationToken.None);

        Assert.Equal(RepairStatus.Done, record.Status);
        var job = azure.Emulator.Scenario.Get($"{Vault}/backupJobs/{record.JobId}");
        Assert.NotNull(job);
        Assert.Equal("Backup", (string?)job!["properties"]!["operation"]);
    }

    [Fact]
    public async Task Cancelling_an_in_progress_job_works()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault)
            .Job(Vault, Vm, "job-running", "InProgress", actions: "Cancellable").Build());
        var control = new BackupJobControl(azure.Connect());
        var job = await control.GetJobAsync($"{Vault}/backupJobs/job-running", CancellationToken.None);

        var record = await control.CancelAsync("vm1", job, CancellationToken.None);

        Assert.Equal(RepairStatus.Done, record.Status);
        Assert.Contains((string?)azure.Emulator.Scenario.Get($"{Vault}/backupJobs/job-running")!["properties"]!["status"], new[] { "Cancelling", "Cancelled" });
    }

    [Theory]
    [InlineData("Completed", "AzureIaaSVMJob", "JobNotInProgress")]
    [InlineData("Failed", "AzureIaaSVMJob", "JobNotInProgress")]
    [InlineData("Cancelled", "AzureIaaSVMJob", "JobNotInProgress")]
    [InlineData("InProgress", "MabJob", "JobCancelNotSupportedForType")]
    public async Task Jobs_that_cannot_be_cancelled_get_a_clear_refusal_and_no_write(string status, string jobType, string errorId)
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault)
            .Job(Vault, Vm, "job-x", status, jobType, "Retriable").Build());
        var control = new BackupJobControl(azure.Connect());
        var job = await control.GetJobAsync($"{Vault}/backupJobs/job-x", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<RepairRefusedException>(() => control.CancelAsync("vm1", job, CancellationToken.None));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task An_in_progress_job_in_a_phase_that_cannot_be_cancelled_is_refused()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault)
            .Job(Vault, Vm, "job-late", "InProgress", "AzureIaaSVMJob", "Retriable").Build());
        var control = new BackupJobControl(azure.Connect());
        var job = await control.GetJobAsync($"{Vault}/backupJobs/job-late", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<RepairRefusedException>(() => control.CancelAsync("vm1", job, CancellationToken.None));
        Assert.Equal("JobNotCancellable", ex.ErrorId);
    }

    [Fact]
    public async Task A_cancel_the_service_rejects_is_reported_as_failed()
    {
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm1").Protect(Vm, Vault)
            .Job(Vault, Vm, "job-running", "InProgress", actions: "Cancellable").Build());
        azure.Emulator.Faults.Add(new AzBackupTroubleshoot.Emulator.FaultRule { Method = "POST", PathPattern = "/cancel$", Status = 400, ErrorCode = "BMSUserErrorJobCancelFailed", Times = 5 });
        var control = new BackupJobControl(azure.Connect());
        var job = await control.GetJobAsync($"{Vault}/backupJobs/job-running", CancellationToken.None);

        var record = await control.CancelAsync("vm1", job, CancellationToken.None);

        Assert.Equal(RepairStatus.Failed, record.Status);
        Assert.Equal("BMSUserErrorJobCancelFailed", record.ErrorCode);
        Assert.Contains("could not cancel", record.Message);
    }
}
