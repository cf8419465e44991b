using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>Repair-AzRestorePointCollection's engine end to end over HTTPS: plan, locks lifted and restored, LRO deletes, retries.</summary>
public sealed class RestorePointRepairTests
{
    private static readonly string Vm = VmId(Sub1, "rg-app", "vm-full");
    private static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");
    private const string BackupRg = "AzureBackupRG_westeurope_1";
    private static readonly string BackupRgId = $"/subscriptions/{Sub1}/resourceGroups/{BackupRg}";

    private static ScenarioBuilder Scenario() => new ScenarioBuilder().Subscription(Sub1)
        .Vm(Sub1, "rg-app", "vm-full").Protect(Vm, Vault)
        .RestorePoints(Vm, BackupRg, "AzureBackup_vm-full_1", 10)
        .RestorePoints(Vm, BackupRg, "AzureBackup_vm-full_2", 8)
        // The customer's own collection for the same VM, outside Azure Backup's group: must never be touched.
        .RestorePoints(Vm, "rg-app", "my-own-rpc", 2);

    private static async Task<(VmInventory Vm, ArmConnection Connection)> Read(EmulatedAzure azure)
    {
        var connection = azure.Connect();
        return (await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None), connection);
    }

    private static async Task<List<RepairRecord>> Execute(ArmConnection connection, RestorePointCleanupPlan plan)
    {
        foreach (var a in plan.Actions) a.Approved = true;
        var executor = new RestorePointCleanupExecutor(connection);
        executor.Delete.RetryDelay = TimeSpan.FromMilliseconds(50);
        return await executor.ExecuteAsync(plan, DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None, new RepairOptions { JournalDirectory = RepairHarness.NewJournalDirectory() });
    }

    private static bool Exists(EmulatedAzure azure, string id) => azure.Emulator.Scenario.Get(id) != null;

    private static string Rpc(string name) => $"{BackupRgId}/providers/Microsoft.Compute/restorePointCollections/{name}";

    [Fact]
    public async Task Deletes_only_azure_backups_collections_of_the_vm()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (vm, connection) = await Read(azure);

        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions());
        Assert.Equal(2, plan.Actions.Count);
        var records = await Execute(connection, plan);

        Assert.All(records.Where(r => r.Action != "LeaveAlone"), r => Assert.Equal(RepairStatus.Done, r.Status));
        var leftAlone = Assert.Single(records, r => r.Action == "LeaveAlone");
        Assert.EndsWith("/my-own-rpc", leftAlone.Target);
        Assert.Contains("Not Azure Backup's, left alone", leftAlone.Message);
        Assert.False(Exists(azure, Rpc("AzureBackup_vm-full_1")));
        Assert.False(Exists(azure, Rpc("AzureBackup_vm-full_2")));
        Assert.True(Exists(azure, $"/subscriptions/{Sub1}/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/my-own-rpc"));
    }

    [Fact]
    public async Task What_if_sends_zero_writes()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete").Build());
        var (vm, connection) = await Read(azure);
        azure.Emulator.Requests.Reset();

        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true, StartBackup = true });
        var records = await new RestorePointCleanupExecutor(connection).ExecuteAsync(plan, DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None, new RepairOptions { JournalDirectory = RepairHarness.NewJournalDirectory(), DryRun = true });

        Assert.Equal(0, azure.Emulator.Requests.Writes);
        Assert.Equal(3, records.Count(r => r.Action != "LeaveAlone"));
        Assert.All(records.Where(r => r.Action != "LeaveAlone"), r => Assert.Equal(RepairStatus.WhatIf, r.Status));
        Assert.Contains(records, r => r.Message.Contains("lifting lock 'keep'"));
    }

    [Fact]
    public async Task A_lock_without_permission_to_lift_it_refuses_and_names_the_lock_and_the_command()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete").Build());
        var (vm, _) = await Read(azure);
        azure.Emulator.Requests.Reset();

        var ex = Assert.Throws<RepairRefusedException>(() => RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions()));
        Assert.Equal("RestorePointCleanupBlockedByLock", ex.ErrorId);
        Assert.Contains("'keep' (CanNotDelete)", ex.Message);
        Assert.Contains("-RemoveLock", ex.Message);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task With_remove_lock_the_locks_are_lifted_and_put_back_identical()
    {
        var subscriptionLock = $"/subscriptions/{Sub1}";
        await using var azure = await EmulatedAzure.StartAsync(Scenario()
            .Lock(BackupRgId, "keep", "CanNotDelete", "do not delete: finance")
            .Lock(subscriptionLock, "sub-readonly", "ReadOnly", "change freeze").Build());
        var before = LocksJson(azure);
        var (vm, connection) = await Read(azure);

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true }));

        Assert.DoesNotContain(records, r => r.Status == RepairStatus.Failed);
        Assert.Equal(2, records.Count(r => r.Action == "RemoveLock"));
        Assert.Equal(2, records.Count(r => r.Action == "RestoreLock" && r.Status == RepairStatus.Done));
        Assert.False(Exists(azure, Rpc("AzureBackup_vm-full_1")));
        Assert.Equal(before, LocksJson(azure));
    }

    [Fact]
    public async Task A_failure_mid_cleanup_still_puts_every_lock_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete", "finance").Build());
        var before = LocksJson(azure);
        var (vm, connection) = await Read(azure);
        // The second collection's delete fails hard (not a time-out): the cleanup stops half-way.
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm-full_2$", Status = 400, ErrorCode = "BadRequest", Times = 10 });

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true, StartBackup = true }));

        Assert.Contains(records, r => r.Action == "DeleteRestorePointCollection" && r.Status == RepairStatus.Failed);
        Assert.Contains(records, r => r.Action == "RestoreLock" && r.Status == RepairStatus.Done);
        Assert.Contains(records, r => r.Action == "TriggerBackup" && r.Status == RepairStatus.Skipped);
        Assert.Equal(before, LocksJson(azure));
    }

    [Fact]
    public async Task Cancellation_mid_cleanup_still_puts_every_lock_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete").Build());
        var before = LocksJson(azure);
        var (vm, connection) = await Read(azure);
        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true });
        foreach (var a in plan.Actions) a.Approved = true;
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "restorePointCollections", Status = 0, Delay = TimeSpan.FromSeconds(3), Times = 10 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RestorePointCleanupExecutor(connection).ExecuteAsync(plan, DateTimeOffset.UtcNow, cts.Token, new RepairOptions { JournalDirectory = RepairHarness.NewJournalDirectory() }));

        Assert.Equal(before, LocksJson(azure));
    }

    [Fact]
    public async Task Cancellation_while_a_lock_is_being_lifted_still_puts_it_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete", "finance").Build());
        var before = LocksJson(azure);
        var (vm, connection) = await Read(azure);
        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true });
        foreach (var a in plan.Actions) a.Approved = true;
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "/locks/keep$", Status = 0, Delay = TimeSpan.FromSeconds(2), Times = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RestorePointCleanupExecutor(connection).ExecuteAsync(plan, DateTimeOffset.UtcNow, cts.Token, new RepairOptions { JournalDirectory = RepairHarness.NewJournalDirectory() }));

        Assert.Equal(before, LocksJson(azure));
        Assert.NotNull(azure.Emulator.Scenario.Get(Rpc("AzureBackup_vm-full_1"))); // nothing was deleted
    }

    [Fact]
    public async Task A_lock_arm_refuses_to_lift_stops_the_cleanup_and_is_not_reported_as_lost()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(BackupRgId, "keep", "CanNotDelete").Build());
        var (vm, connection) = await Read(azure);
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "/locks/keep$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 10 });

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true }));

        var failed = Assert.Single(records, r => r.Status == RepairStatus.Failed);
        Assert.Equal("RemoveLock", failed.Action);
        Assert.Equal("AuthorizationFailed", failed.ErrorCode);
        Assert.DoesNotContain(records, r => r.Action == "RestoreLock");
        Assert.NotNull(azure.Emulator.Scenario.Get($"{BackupRgId}/providers/Microsoft.Authorization/locks/keep"));
        Assert.NotNull(azure.Emulator.Scenario.Get(Rpc("AzureBackup_vm-full_1")));
    }

    [Fact]
    public async Task A_lock_on_a_deleted_collection_itself_is_not_reported_as_lost()
    {
        var rpc = Rpc("AzureBackup_vm-full_1");
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Lock(rpc, "on-the-rpc", "CanNotDelete").Lock(BackupRgId, "keep", "CanNotDelete").Build());
        var (vm, connection) = await Read(azure);

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { RemoveLock = true }));

        Assert.True(!records.Any(r => r.Status == RepairStatus.Failed), string.Join("\n", records.Select(r => $"{r.Action} {r.Status} {r.Target} {r.Message}")));
        Assert.Equal(RepairStatus.Skipped, records.Single(r => r.Action == "RestoreLock" && r.Target.EndsWith("/on-the-rpc")).Status);
        Assert.Equal(RepairStatus.Done, records.Single(r => r.Action == "RestoreLock" && r.Target.EndsWith("/keep")).Status);
        Assert.NotNull(azure.Emulator.Scenario.Get($"{BackupRgId}/providers/Microsoft.Authorization/locks/keep"));
    }

    [Fact]
    public async Task A_delete_that_times_out_is_retried_and_succeeds()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (vm, connection) = await Read(azure);
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm-full_1$", Status = 202, ErrorCode = "OperationTimedOut", Times = 1 });

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions()));

        var first = records.Single(r => r.Target.EndsWith("AzureBackup_vm-full_1"));
        Assert.Equal(RepairStatus.Done, first.Status);
        Assert.Contains("attempt 2", first.Message);
        Assert.False(Exists(azure, Rpc("AzureBackup_vm-full_1")));
    }

    [Fact]
    public async Task Keep_latest_deletes_only_the_oldest_points_across_collections()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (vm, connection) = await Read(azure);

        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { KeepLatest = 12 });
        Assert.Equal(6, plan.Actions.Count);
        Assert.All(plan.Actions, a => Assert.Equal("DeleteRestorePoint", a.Action));
        await Execute(connection, plan);

        var after = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);
        var remaining = after.RestorePointCollections.Where(c => AzureBackupOwnership.IsBackupCollection(after, c)).Sum(c => c.Array("properties.restorePoints").Count);
        Assert.Equal(12, remaining);
    }

    [Fact]
    public async Task A_second_run_after_success_changes_nothing()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (vm, connection) = await Read(azure);
        await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions()));

        var (again, _) = await Read(azure);
        azure.Emulator.Requests.Reset();
        var plan = RestorePointCleanupPlanner.Plan(again, new RestorePointCleanupOptions());
        var records = await Execute(connection, plan);

        Assert.True(plan.NothingToDo);
        Assert.Equal(RepairStatus.NothingToDo, Assert.Single(records, r => r.Action != "LeaveAlone").Status);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task Start_backup_after_cleanup_reports_the_job()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (vm, connection) = await Read(azure);

        var records = await Execute(connection, RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions { StartBackup = true }));

        var trigger = records.Single(r => r.Action == "TriggerBackup");
        Assert.Equal(RepairStatus.Done, trigger.Status);
        Assert.False(string.IsNullOrEmpty(trigger.JobId));
        Assert.NotNull(azure.Emulator.Scenario.Get($"{Vault}/backupJobs/{trigger.JobId}"));
    }

    private static string LocksJson(EmulatedAzure azure)
    {
        var locks = azure.Emulator.Scenario.Resources("Microsoft.Authorization/locks")
            .Select(l => JsonSerializer.Serialize(new { id = (string?)l["id"], level = (string?)l["properties"]?["level"], notes = (string?)l["properties"]?["notes"], owners = l["properties"]?["owners"]?.ToJsonString() ?? "[]" }))
            .OrderBy(s => s);
        return string.Join("\n", locks);
    }
}
