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
    public static TheoryData<Step, Fault, RepairStatus> Cases => FaultMatrix.Cases(Step.LockDelete, Step.LockRecreate);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Every_lock_is_back_and_the_records_match_arm(Step step, Fault fault, RepairStatus expected) => RestorePointCase.RunAsync(output, step, fault, expected);

    [Fact]
    public void The_matrix_has_every_step_once_and_an_outcome_for_every_fault()
    {
        Assert.Equal(Enum.GetValues<Step>().Order(), FaultMatrix.Expected.Select(row => row.Step).Order());
        Assert.All(FaultMatrix.Expected, row => Assert.Equal(Enum.GetValues<Fault>().Length, row.Expected.Length));
        var all = FaultMatrix.Cases(Enum.GetValues<Step>());
        Assert.Equal(49, all.Count());
        Assert.Equal(all.Count(), all.Select(c => (c[0], c[1])).Distinct().Count());
    }
}

public sealed class CollectionStepFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<Step, Fault, RepairStatus> Cases => FaultMatrix.Cases(Step.CollectionDelete, Step.CollectionPoll, Step.BackupTrigger);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Every_lock_is_back_and_the_records_match_arm(Step step, Fault fault, RepairStatus expected) => RestorePointCase.RunAsync(output, step, fault, expected);
}

/// <summary>The extension removal and the job cancel under every fault: the record says what ARM holds afterwards.</summary>
public sealed class ExtensionAndJobFaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<Step, Fault, RepairStatus> Cases => FaultMatrix.Cases(Step.ExtensionDelete, Step.JobCancel);

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
