using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using Xunit.Abstractions;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>
/// The repair as a real child process (dotnet azbt.dll), killed with SIGKILL mid-repair after its locks were lifted:
/// the journal on disk is all that is left, and `azbt repair resume` or the same repair run again must put every lock
/// back. And two "machines" (two processes, each with its own AZBT_JOURNAL_DIR) repairing the same VM at once.
/// </summary>
public sealed class KilledRepairTests(ITestOutputHelper output)
{
    private static readonly string RpcLock = $"{Rpc1}/providers/Microsoft.Authorization/locks/rpc-hold";

    /// <summary>The VM's collection under two locks (its group's and its own), the customer's collection beside it.</summary>
    private static Scenario Scenario()
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "AzureBackup_vm1_1", 2)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "customer-rpc", 1)
            .Lock(BackupRgId, "keep", "CanNotDelete", "finance: keep for audit")
            .Lock(Rpc1, "rpc-hold", "ReadOnly", "ops: hold until review")
            .Build();
        scenario.Settings.OperationRetryAfterSeconds = 0;
        return scenario;
    }

    private static string[] Connection(EmulatedAzure azure)
        => new[] { "--endpoint", azure.Emulator.Endpoint.ToString(), "--pin-sha256", azure.Emulator.CertificateSha256 };

    private static string[] Repair(EmulatedAzure azure, params string[] extra)
        => new[] { "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--output", "json" }.Concat(extra).Concat(Connection(azure)).ToArray();

    /// <summary>The token reaches the child only through AZBT_ACCESS_TOKEN, as a runbook would pass it.</summary>
    private static Dictionary<string, string?> Environment(string? journalDir = null)
        => new() { ["AZBT_ACCESS_TOKEN"] = Token, [LockJournalFile.DirectoryVariable] = journalDir };

    /// <summary>
    /// A journal file as it is while its repair holds it. The repair holds an exclusive OS lock (flock) on it, which a
    /// .NET open would respect, so it is read with cat, which takes no lock.
    /// </summary>
    private static string ReadHeldJournal(string directory)
    {
        var path = LockJournalFile.PathFor(directory, Vm);
        if (!File.Exists(path)) return "";
        using var cat = Process.Start(new ProcessStartInfo("cat") { ArgumentList = { path }, RedirectStandardOutput = true })!;
        var text = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();
        return text;
    }

    /// <summary>
    /// Starts the repair with the collection DELETE held (never carried out), waits until the journal on disk says both
    /// locks are lifted and ARM shows both gone, then kills the process with SIGKILL. Returns what it printed.
    /// </summary>
    private async Task<string> KillMidRepair(EmulatedAzure azure, string journal)
    {
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "/restorePointCollections/AzureBackup_vm1_1$", Effect = FaultEffect.Hold, Delay = TimeSpan.FromSeconds(60), Times = 1000 });
        using var child = AzbtProcess.Start(Repair(azure, "--journal-dir", journal), Environment());
        var clock = Stopwatch.StartNew();
        string text;
        while (true)
        {
            text = ReadHeldJournal(journal);
            var liftedOnDisk = text.Split('\n').Count(l => l.Contains("\"e\":\"lifted\""));
            if (liftedOnDisk == 2 && !Exists(azure, KeepLock) && !Exists(azure, RpcLock)) break;
            if (child.Process.HasExited)
                throw new Xunit.Sdk.XunitException($"the repair ended before it was killed (exit {child.Process.ExitCode}).\nstdout:\n{child.Out}\nstderr:\n{child.Err}\njournal:\n{text}");
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
                throw new Xunit.Sdk.XunitException($"the locks were not lifted in time.\nstdout:\n{child.Out}\nstderr:\n{child.Err}\njournal:\n{text}");
            await Task.Delay(50);
        }
        // Give the held DELETE a moment to be on the wire, so the kill lands mid-delete.
        await Task.Delay(500);
        Assert.False(child.Process.HasExited, "the repair should still be waiting for the held delete\n" + child.Out + child.Err);

        child.Process.Kill(); // SIGKILL on Linux and macOS: no finally block, no handler runs
        await child.WaitAsync(TimeSpan.FromSeconds(30));
        azure.Emulator.Faults.Clear();
        output.WriteLine($"killed after {clock.Elapsed.TotalSeconds:F1} s, exit {child.Process.ExitCode}\n{child.Out}");
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) Assert.Equal(128 + 9, child.Process.ExitCode);

        // What it had printed says what it changed: both lifts, each on its own line as it completed.
        // The JSON array was cut off by the kill, but every element printed so far is whole, one a line.
        var printed = child.Out;
        Assert.Equal(3, printed.Split('\n').Count(l => l.TrimStart().StartsWith("{\"vmId\"", StringComparison.Ordinal)));
        using (var cut = JsonDocument.Parse(printed.TrimEnd().TrimEnd(',') + "\n]"))
        {
            var steps = cut.RootElement.EnumerateArray().Select(r => (r.GetProperty("action").GetString(), r.GetProperty("status").GetString())).ToList();
            Assert.Equal(new[] { ("LeaveAlone", "Skipped"), ("RemoveLock", "Done"), ("RemoveLock", "Done") }, steps);
        }

        // The journal is on disk with each lock's full definition, and without the token.
        var path = LockJournalFile.PathFor(journal, Vm);
        Assert.True(File.Exists(path), "the journal of the killed repair is gone");
        var onDisk = File.ReadAllText(path); // nobody holds it now: the OS dropped the dead process's lock
        Assert.Contains("\"name\":\"keep\"", onDisk);
        Assert.Contains("\"level\":\"CanNotDelete\"", onDisk);
        Assert.Contains("finance: keep for audit", onDisk);
        Assert.Contains("\"name\":\"rpc-hold\"", onDisk);
        Assert.Contains("\"level\":\"ReadOnly\"", onDisk);
        Assert.Contains("ops: hold until review", onDisk);
        Assert.DoesNotContain(Token, onDisk);
        Assert.DoesNotContain(Token, printed + child.Err);

        // ARM: both locks gone, the collection still there (the held delete was never carried out), the decoy untouched.
        Assert.False(Exists(azure, KeepLock));
        Assert.False(Exists(azure, RpcLock));
        Assert.True(Exists(azure, Rpc1));
        Assert.True(Exists(azure, Decoy));
        return printed;
    }

    [Fact]
    public async Task Killed_after_lifting_its_locks_the_repair_leaves_a_journal_and_resume_puts_every_lock_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario());
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        await KillMidRepair(azure, journal);

        var (exit, stdout, stderr) = await AzbtProcess.RunAsync(new[] { "repair", "resume", "--journal-dir", journal, "--output", "json" }.Concat(Connection(azure)), Environment());
        output.WriteLine(stdout + stderr);

        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        using (var doc = JsonDocument.Parse(stdout))
            Assert.Equal(new[] { "Done", "Done" }, doc.RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(before, Locks(azure)); // same names, levels, notes and owners
        Assert.Equal(0, JournalCount(journal));
        Assert.True(Exists(azure, Rpc1));
        Assert.True(Exists(azure, Decoy));
        Assert.DoesNotContain(Token, stdout + stderr);

        // Idempotent: again, nothing to do and nothing written.
        azure.Emulator.Requests.Reset();
        var again = await AzbtProcess.RunAsync(new[] { "repair", "resume", "--journal-dir", journal }.Concat(Connection(azure)), Environment());
        Assert.Equal(ExitCodes.Success, again.Exit);
        Assert.StartsWith("NothingToDo", again.Out);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task Killed_after_lifting_its_locks_the_same_repair_run_again_puts_them_back_first_then_finishes()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario());
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        await KillMidRepair(azure, journal);

        var (exit, stdout, stderr) = await AzbtProcess.RunAsync(Repair(azure, "--journal-dir", journal), Environment());
        output.WriteLine(stdout + stderr);

        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        var records = doc.RootElement.EnumerateArray().Select(r => (Action: r.GetProperty("action").GetString(), Status: r.GetProperty("status").GetString(), Message: r.GetProperty("message").GetString()!)).ToList();
        // First the journal's two locks go back, before the VM is even read ...
        Assert.All(records.Take(2), r => Assert.Equal(("RestoreLock", "Done"), (r.Action, r.Status)));
        Assert.All(records.Take(2), r => Assert.Contains("interrupted repair", r.Message));
        // ... then the repair runs as if nothing had happened: lifts, deletes, puts back.
        Assert.Equal("Done", records.Single(r => r.Action == "DeleteRestorePointCollection").Status);
        Assert.False(Exists(azure, Rpc1));
        Assert.True(Exists(azure, Decoy));
        // The group's lock is back as it was; the collection's own lock went with the collection.
        var expected = before.Where(l => l.Key != RpcLock.ToLowerInvariant()).ToDictionary(l => l.Key, l => l.Value);
        Assert.Equal(expected, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
        Assert.DoesNotContain(Token, stdout + stderr);
    }

    [Fact]
    public async Task Two_machines_repairing_the_same_vm_at_once_lose_no_lock_and_report_no_false_failure_to_put_one_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario());
        var before = Locks(azure);
        var journalA = NewJournalDirectory();
        var journalB = NewJournalDirectory();
        // The collection delete is slowed down (then carried out), so both repairs have their locks lifted at the same time.
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "/restorePointCollections/AzureBackup_vm1_1$", Status = 0, Delay = TimeSpan.FromSeconds(2), Times = 1000 });

        // Each "machine" has its own journal directory, from the environment; neither sees the other's journal.
        using var a = AzbtProcess.Start(Repair(azure), Environment(journalA));
        using var b = AzbtProcess.Start(Repair(azure), Environment(journalB));
        var exitA = await a.WaitAsync();
        var exitB = await b.WaitAsync();
        var said = $"A (exit {exitA}):\n{a.Out}{a.Err}\nB (exit {exitB}):\n{b.Out}{b.Err}";
        output.WriteLine(said);

        Assert.DoesNotContain("Could NOT", said);
        Assert.DoesNotContain(Token, said);
        Assert.False(Exists(azure, Rpc1), said);
        Assert.True(Exists(azure, Decoy), said);
        var expected = before.Where(l => l.Key != RpcLock.ToLowerInvariant()).ToDictionary(l => l.Key, l => l.Value);
        Assert.Equal(expected, Locks(azure));
        Assert.Equal(0, JournalCount(journalA));
        Assert.Equal(0, JournalCount(journalB));
        // Whatever the interleaving, each run says what ARM holds: a run that did not get to delete says why, no lock is left off.
        foreach (var (exit, text) in new[] { (exitA, a.Out), (exitB, b.Out) })
        {
            using var doc = JsonDocument.Parse(text);
            var failed = doc.RootElement.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "Failed").ToList();
            Assert.True(failed.All(r => r.GetProperty("action").GetString() == "DeleteRestorePointCollection"), said);
            Assert.Equal(failed.Count == 0 ? ExitCodes.Success : ExitCodes.ChecksFailed, exit);
        }
    }
}
