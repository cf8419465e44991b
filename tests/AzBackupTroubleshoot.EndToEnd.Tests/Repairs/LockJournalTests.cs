using System.Text.Json;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>The durable lock journal: on disk before a lift, kept while a lock is off, recovered by the next repair or a resume, exclusive per VM.</summary>
public sealed class LockJournalTests
{
    private static Task<IReadOnlyList<RepairRecord>> CleanUp(EmulatedAzure azure, string journal, Action<RepairRecord>? onRecord = null, TimeSpan? deadline = null)
        => VmRepairs.CleanUpRestorePointsAsync(FastConnection(azure), Vm, new RestorePointCleanupOptions { RemoveLock = true },
            Options(journal, deadline, onRecord), _ => true, CancellationToken.None, FastDelete);

    [Fact]
    public async Task A_lock_that_cannot_be_put_back_stays_in_the_journal_on_disk_and_a_resume_puts_it_back_once()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 500, Times = 1000 });

        var records = await CleanUp(azure, journal);

        Assert.Equal(RepairStatus.Failed, records.Single(r => r.Action == "RestoreLock").Status);
        Assert.Contains("Restore-AzBackupLock", records.Single(r => r.Action == "RestoreLock").Message);
        Assert.False(Exists(azure, KeepLock));
        var text = JournalText(journal);
        Assert.Contains("finance: do not delete", text);           // the full definition is on disk
        Assert.Contains("\"level\":\"CanNotDelete\"", text);
        Assert.DoesNotContain(Token, text);

        azure.Emulator.Faults.Clear();
        var dryRun = await LockJournalResume.RunAsync(FastConnection(azure), journal, Vm, dryRun: true);
        Assert.Equal(RepairStatus.WhatIf, Assert.Single(dryRun).Status);
        Assert.False(Exists(azure, KeepLock));

        var resumed = await LockJournalResume.RunAsync(FastConnection(azure), journal, Vm, dryRun: false);
        Assert.Equal(RepairStatus.Done, Assert.Single(resumed).Status);
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));

        azure.Emulator.Requests.Reset();
        var again = await LockJournalResume.RunAsync(FastConnection(azure), journal, null, dryRun: false);
        Assert.Equal(RepairStatus.NothingToDo, Assert.Single(again).Status);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task The_next_repair_of_the_vm_puts_back_what_an_interrupted_one_left_lifted_before_it_reads_the_vm()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 500, Times = 1000 });
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm1_1$", Status = 400, ErrorCode = "BadRequest", Times = 1000 });
        await CleanUp(azure, journal); // lifts keep, fails to delete, cannot put keep back
        Assert.False(Exists(azure, KeepLock));
        azure.Emulator.Faults.Clear();

        var records = await CleanUp(azure, journal);

        var first = records.First();
        Assert.Equal("RestoreLock", first.Action);
        Assert.Contains("interrupted repair", first.Message);
        // Read after the recovery, the VM shows the lock again, so the plan lifts it (and puts it back) properly.
        Assert.Equal(RepairStatus.Done, records.Single(r => r.Action == "DeleteRestorePointCollection").Status);
        Assert.False(Exists(azure, Rpc1));
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
    }

    [Fact]
    public async Task A_recovery_that_fails_refuses_the_repair_and_deletes_nothing()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 500, Times = 1000 });
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm1_1$", Status = 400, ErrorCode = "BadRequest", Times = 1 });
        await CleanUp(azure, journal);
        azure.Emulator.Requests.Reset();

        var refused = await Assert.ThrowsAsync<RepairRefusedException>(() => CleanUp(azure, journal));

        Assert.Equal("LockJournalPending", refused.ErrorId);
        Assert.True(Exists(azure, Rpc1));
        Assert.Equal(0, azure.Emulator.Requests.Count("DELETE"));
        Assert.Equal(1, JournalCount(journal));
    }

    [Fact]
    public async Task A_second_repair_of_the_same_vm_on_this_machine_refuses_while_the_first_holds_the_journal()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        using var first = await RepairRun.StartAsync(FastConnection(azure), Vm, Options(journal), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RepairRefusedException>(() => CleanUp(azure, journal));

        Assert.Equal("LockJournalInUse", refused.ErrorId);
        Assert.Contains("Another repair", refused.Message);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
        var resume = await Assert.ThrowsAsync<RepairRefusedException>(() => LockJournalResume.RunAsync(FastConnection(azure), journal, Vm, dryRun: false));
        Assert.Equal("LockJournalInUse", resume.ErrorId);
    }

    [Fact]
    public async Task The_lock_is_on_disk_before_its_delete_is_sent_and_records_stream_as_steps_complete()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        var seen = new List<(string Action, int CollectionDeletesSent)>();

        var records = await CleanUp(azure, journal, r => seen.Add((r.Action, azure.Emulator.Requests.Count("DELETE", "restorePointCollections"))));

        // The RemoveLock record arrived before any collection delete was sent; the delete's record after it.
        Assert.Equal(0, seen.Single(s => s.Action == "RemoveLock").CollectionDeletesSent);
        Assert.Equal(1, seen.Single(s => s.Action == "DeleteRestorePointCollection").CollectionDeletesSent);
        Assert.Equal(records.Select(r => r.Action), seen.Select(s => s.Action));
        var lockDelete = azure.Emulator.Requests.Entries.ToList().FindIndex(e => e.Method == "DELETE" && e.Path.EndsWith("/locks/keep"));
        Assert.True(lockDelete >= 0);
        Assert.Equal(0, JournalCount(journal)); // everything back: the journal is gone
    }

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_ignored_and_the_complete_lines_are_recovered()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        Directory.CreateDirectory(journal);
        azure.Emulator.Scenario.Remove(KeepLock); // the crashed run had lifted it
        var definition = JsonSerializer.Serialize(new { id = KeepLock, scope = BackupRgId, name = "keep", level = "CanNotDelete", notes = "finance: do not delete", owners = Array.Empty<string>() });
        File.WriteAllText(LockJournalFile.PathFor(journal, Vm),
            $"{{\"e\":\"open\",\"vmId\":\"{Vm}\"}}\n{{\"e\":\"lifting\",\"id\":\"{KeepLock}\",\"lock\":{definition}}}\n{{\"e\":\"lifting\",\"id\":\"/subscriptions/x/provid");

        var resumed = await LockJournalResume.RunAsync(FastConnection(azure), journal, null, dryRun: false);

        Assert.Equal(RepairStatus.Done, Assert.Single(resumed).Status);
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
    }

    [Fact]
    public void The_journal_directory_is_per_user_and_overridable()
    {
        Assert.Equal(Path.GetFullPath("/tmp/explicit"), LockJournalFile.ResolveDirectory("/tmp/explicit"));
        var fromEnvironment = Environment.GetEnvironmentVariable(LockJournalFile.DirectoryVariable);
        var resolved = LockJournalFile.ResolveDirectory(null);
        if (fromEnvironment == null)
            Assert.EndsWith(Path.Combine("AzBackupTroubleshoot", "journal"), resolved);
        var a = LockJournalFile.PathFor("/j", Vm);
        Assert.Equal(a, LockJournalFile.PathFor("/j", Vm.ToUpperInvariant() + "/"));
        Assert.NotEqual(a, LockJournalFile.PathFor("/j", VmId(Sub1, "other-rg", "vm1")));
    }
}
