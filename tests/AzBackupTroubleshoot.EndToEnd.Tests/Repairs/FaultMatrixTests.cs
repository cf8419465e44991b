using System.Diagnostics;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using Xunit.Abstractions;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.FaultMatrix;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>The restore point cleanup (-RemoveLock, and -StartBackup for the trigger step) under every fault of <see cref="FaultMatrix"/>.</summary>
internal static class RestorePointCase
{
    public static async Task RunAsync(ITestOutputHelper output, Step step, Fault fault, RepairStatus expected)
    {
        var clock = Stopwatch.StartNew();
        await using var azure = await EmulatedAzure.StartAsync(RestorePointScenario(fault));
        var locksBefore = Locks(azure);
        var jobsBefore = JobsOfVm(azure).Count;
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(Rule(step, fault));

        var records = await VmRepairs.CleanUpRestorePointsAsync(FastConnection(azure, ClientTimeout), Vm,
            new RestorePointCleanupOptions { RemoveLock = true, StartBackup = step == Step.BackupTrigger },
            Options(journal, Deadline(fault)), _ => true, CancellationToken.None, FastDelete);
        azure.Emulator.Faults.Clear();
        var said = Describe(records);

        var action = step switch
        {
            Step.LockDelete => "RemoveLock",
            Step.LockRecreate => "RestoreLock",
            Step.BackupTrigger => "TriggerBackup",
            _ => "DeleteRestorePointCollection",
        };
        var stepRecord = records.Single(r => r.Action == action);
        Assert.True(expected == stepRecord.Status, $"{step} × {fault}: expected {expected}\n{said}");

        // What was reported is what ARM holds.
        var deletion = records.SingleOrDefault(r => r.Action == "DeleteRestorePointCollection");
        Assert.True((deletion?.Status == RepairStatus.Done) == !Exists(azure, Rpc1), "collection state vs record\n" + said);
        foreach (var r in records.Where(r => r.Action == "RestoreLock" && r.Status == RepairStatus.Done))
            Assert.True(Exists(azure, r.Target), "a lock reported back is not there\n" + said);
        foreach (var r in records.Where(r => r.Action == "RemoveLock" && r.ErrorCode != "LockStateUnknown" && r.Status == RepairStatus.Failed))
            Assert.True(Exists(azure, r.Target), "a lock reported still in place is gone\n" + said);
        var trigger = records.SingleOrDefault(r => r.Action == "TriggerBackup");
        if (trigger?.Status == RepairStatus.Done)
            Assert.Contains(JobsOfVm(azure), j => (string?)j["name"] == trigger.JobId);
        else
            Assert.Equal(jobsBefore, JobsOfVm(azure).Count);
        Assert.True(Exists(azure, Decoy), "the customer's collection is gone\n" + said);

        // The journal is left exactly when a lock could not be put back; it never holds the token.
        var lockLeftOff = records.Any(r => r.Action == "RestoreLock" && r.Status == RepairStatus.Failed);
        Assert.Equal(lockLeftOff ? 1 : 0, JournalCount(journal));
        Assert.DoesNotContain(Token, JournalText(journal));
        Assert.DoesNotContain(Token, said);

        // After the fault: a resume leaves every lock as it was before the repair.
        await LockJournalResume.RunAsync(FastConnection(azure), journal, Vm, dryRun: false, retryDelay: TimeSpan.FromMilliseconds(100));
        Assert.Equal(locksBefore, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
        Report(output, step, fault, stepRecord, lockLeftOff, lockLeftOff, clock.Elapsed);
    }
}

public sealed class LockStepFaultMatrixTests(ITestOutputHelper output)
{
    public static readonly TheoryData<Step, Fault, RepairStatus> Cases = new()
    {
        // A lift ARM did not carry out is reported as failed with the lock still in place; nothing is deleted.
        { Step.LockDelete, Fault.Status404, RepairStatus.Failed },
        { Step.LockDelete, Fault.Status409, RepairStatus.Failed },
        { Step.LockDelete, Fault.Status429, RepairStatus.Failed },
        { Step.LockDelete, Fault.Status500, RepairStatus.Failed },
        // Carried out but unanswered: a read shows the lock gone, so it counts as lifted and is put back.
        { Step.LockDelete, Fault.ConnectionReset, RepairStatus.Done },
        { Step.LockDelete, Fault.Timeout, RepairStatus.Failed },
        { Step.LockDelete, Fault.NeverFinishing, RepairStatus.Done }, // a lock delete is not long-running
        // A lock that cannot be put back stays journaled; the resume puts it back.
        { Step.LockRecreate, Fault.Status404, RepairStatus.Failed },
        { Step.LockRecreate, Fault.Status409, RepairStatus.Failed },
        { Step.LockRecreate, Fault.Status429, RepairStatus.Failed },
        { Step.LockRecreate, Fault.Status500, RepairStatus.Failed },
        { Step.LockRecreate, Fault.ConnectionReset, RepairStatus.Done }, // carried out: the read-back finds it
        { Step.LockRecreate, Fault.Timeout, RepairStatus.Failed },
        { Step.LockRecreate, Fault.NeverFinishing, RepairStatus.Done },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Every_lock_is_back_and_the_records_match_arm(Step step, Fault fault, RepairStatus expected) => RestorePointCase.RunAsync(output, step, fault, expected);
}

public sealed class CollectionStepFaultMatrixTests(ITestOutputHelper output)
{
    public static readonly TheoryData<Step, Fault, RepairStatus> Cases = new()
    {
        { Step.CollectionDelete, Fault.Status404, RepairStatus.Failed }, // a 404 is not "already gone": a GET shows it
        { Step.CollectionDelete, Fault.Status409, RepairStatus.Failed },
        { Step.CollectionDelete, Fault.Status429, RepairStatus.Failed },
        { Step.CollectionDelete, Fault.Status500, RepairStatus.Failed },
        { Step.CollectionDelete, Fault.ConnectionReset, RepairStatus.Failed }, // accepted, still Deleting when read
        { Step.CollectionDelete, Fault.Timeout, RepairStatus.Failed },
        { Step.CollectionDelete, Fault.NeverFinishing, RepairStatus.Failed }, // cut by the deadline, still there
        { Step.CollectionPoll, Fault.Status404, RepairStatus.Failed },
        { Step.CollectionPoll, Fault.Status409, RepairStatus.Failed },
        { Step.CollectionPoll, Fault.Status429, RepairStatus.Failed },
        { Step.CollectionPoll, Fault.Status500, RepairStatus.Failed },
        { Step.CollectionPoll, Fault.ConnectionReset, RepairStatus.Done }, // the polls went through: ARM confirms it gone
        { Step.CollectionPoll, Fault.Timeout, RepairStatus.Failed },
        { Step.CollectionPoll, Fault.NeverFinishing, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.Status404, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.Status409, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.Status429, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.Status500, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.ConnectionReset, RepairStatus.Done }, // the vault shows the job it started
        { Step.BackupTrigger, Fault.Timeout, RepairStatus.Failed },
        { Step.BackupTrigger, Fault.NeverFinishing, RepairStatus.Done }, // the deadline ends the wait; the job exists
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Every_lock_is_back_and_the_records_match_arm(Step step, Fault fault, RepairStatus expected) => RestorePointCase.RunAsync(output, step, fault, expected);
}

/// <summary>The extension removal and the job cancel under every fault: the record says what ARM holds afterwards.</summary>
public sealed class ExtensionAndJobFaultMatrixTests(ITestOutputHelper output)
{
    public static readonly TheoryData<Step, Fault, RepairStatus> Cases = new()
    {
        { Step.ExtensionDelete, Fault.Status404, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.Status409, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.Status429, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.Status500, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.ConnectionReset, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.Timeout, RepairStatus.Failed },
        { Step.ExtensionDelete, Fault.NeverFinishing, RepairStatus.Failed },
        { Step.JobCancel, Fault.Status404, RepairStatus.Failed },
        { Step.JobCancel, Fault.Status409, RepairStatus.Failed },
        { Step.JobCancel, Fault.Status429, RepairStatus.Failed },
        { Step.JobCancel, Fault.Status500, RepairStatus.Failed },
        { Step.JobCancel, Fault.ConnectionReset, RepairStatus.Done }, // carried out: the job reads Cancelling
        { Step.JobCancel, Fault.Timeout, RepairStatus.Failed },
        { Step.JobCancel, Fault.NeverFinishing, RepairStatus.Done }, // the job reads Cancelling when the deadline ends the wait
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_record_matches_arm(Step step, Fault fault, RepairStatus expected)
    {
        var clock = Stopwatch.StartNew();
        var isExtension = step == Step.ExtensionDelete;
        await using var azure = await EmulatedAzure.StartAsync(isExtension ? ExtensionScenario(fault) : JobScenario(fault));
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(Rule(step, fault));
        var connection = FastConnection(azure, ClientTimeout);

        RepairRecord record;
        if (isExtension)
        {
            var records = await VmRepairs.RemoveBackupExtensionAsync(connection, Vm, Options(journal, Deadline(fault)), _ => true, CancellationToken.None, FastDelete);
            record = records.Single(r => r.Action == "RemoveExtension");
        }
        else
        {
            var control = new BackupJobControl(connection);
            var job = await control.GetJobAsync(Job, CancellationToken.None);
            using var deadline = new CancellationTokenSource(Deadline(fault));
            record = await control.CancelAsync("vm1", job, deadline.Token);
        }
        azure.Emulator.Faults.Clear();

        var said = $"{record.Status} {record.ErrorCode} {record.Message}";
        Assert.True(expected == record.Status, $"{step} × {fault}: expected {expected}: {said}");
        if (isExtension)
            Assert.Equal(record.Status == RepairStatus.Done, !Exists(azure, Extension));
        else
        {
            var status = (string?)azure.Emulator.Scenario.Get(Job)!["properties"]!["status"];
            Assert.Equal(record.Status == RepairStatus.Done, status!.StartsWith("Cancel", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(Token, said);
        Assert.Equal(0, JournalCount(journal));
        Report(output, step, fault, record, false, false, clock.Elapsed);
    }
}
