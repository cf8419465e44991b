using System.Text;
using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>
/// azbt repair resume, --journal-dir, --deadline, records printed as each step completes, and refusals through the
/// error taxonomy (exit 10), in-process against a running emulator (--endpoint), so the test sees ARM's state.
/// </summary>
public sealed class RepairCliJournalTests
{
    private static string[] Args(EmulatedAzure azure, params string[] args)
        => args.Concat(new[] { "--endpoint", azure.Emulator.Endpoint.ToString(), "--pin-sha256", azure.Emulator.CertificateSha256, "--access-token", Token }).ToArray();

    private static Task<(int Exit, string Out, string Err)> Run(EmulatedAzure azure, params string[] args) => CliRun.Run(Args(azure, args));

    /// <summary>Leaves the keep lock lifted and journaled: its PUT is refused (403, which the client does not retry) for the whole repair, and the collection delete fails too.</summary>
    private static async Task<string> InterruptedRepair(EmulatedAzure azure)
    {
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 1000 });
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm1_1$", Status = 400, ErrorCode = "BadRequest", Times = 1000 });
        var (exit, stdout, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal);
        azure.Emulator.Faults.Clear();
        Assert.True(exit == ExitCodes.ChecksFailed, stdout + stderr);
        Assert.Contains("Could NOT put back", stdout);
        Assert.Contains("azbt repair resume", stdout);
        Assert.False(Exists(azure, KeepLock));
        Assert.Equal(1, JournalCount(journal));
        return journal;
    }

    [Fact]
    public async Task Resume_puts_the_lock_back_once_its_dry_run_sends_nothing_and_a_second_run_finds_nothing_to_do()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var before = Locks(azure);
        var journal = await InterruptedRepair(azure);

        azure.Emulator.Requests.Reset();
        var (dryExit, dryOut, _) = await Run(azure, "repair", "resume", "--vm", Vm, "--journal-dir", journal, "--dry-run", "--output", "json");
        Assert.Equal(ExitCodes.Success, dryExit);
        Assert.Equal(0, azure.Emulator.Requests.Total); // only the journal is read
        using (var doc = JsonDocument.Parse(dryOut))
            Assert.Equal("WhatIf", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("status").GetString());
        Assert.False(Exists(azure, KeepLock));
        Assert.Equal(1, JournalCount(journal));

        // No --yes needed: putting a lock back only restores protection. Without --vm, every journal in the directory.
        var (exit, stdout, stderr) = await Run(azure, "repair", "resume", "--journal-dir", journal);
        Assert.True(exit == ExitCodes.Success, stdout + stderr);
        Assert.StartsWith("Done", stdout);
        Assert.Contains("RestoreLock", stdout);
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));

        azure.Emulator.Requests.Reset();
        var (againExit, againOut, _) = await Run(azure, "repair", "resume", "--vm", Vm, "--journal-dir", journal);
        Assert.Equal(ExitCodes.Success, againExit);
        Assert.StartsWith("NothingToDo", againOut);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
        Assert.Equal(before, Locks(azure));
    }

    [Fact]
    public async Task The_journal_directory_comes_from_the_environment_when_no_option_names_one()
    {
        // Run as a child process, so the variable is the child's alone.
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var before = Locks(azure);
        var journal = await InterruptedRepair(azure);

        var run = await AzbtProcess.RunAsync(Args(azure, "repair", "resume", "--output", "json"), new Dictionary<string, string?> { [LockJournalFile.DirectoryVariable] = journal });
        Assert.True(run.Exit == ExitCodes.Success, run.Out + run.Err);
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
    }

    [Fact]
    public async Task A_pending_journal_that_cannot_be_put_back_refuses_the_next_repair_with_exit_10_and_deletes_nothing()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = await InterruptedRepair(azure);
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 1000 });
        azure.Emulator.Requests.Reset();

        var (exit, stdout, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal, "--output", "json");

        Assert.True(exit == ExitCodes.Refused, stdout + stderr);
        Assert.StartsWith("error: LockJournalPending: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        // The recovery's own record was printed before the refusal, and the JSON array is complete.
        using (var doc = JsonDocument.Parse(stdout))
            Assert.Equal("RestoreLock", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(0, azure.Emulator.Requests.Count("DELETE"));
        Assert.True(Exists(azure, Rpc1));
        Assert.Equal(1, JournalCount(journal));
    }

    [Fact]
    public async Task A_second_repair_while_the_first_holds_the_journal_is_refused_with_exit_10()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        using var first = LockJournalFile.Open(journal, Vm);

        var (exit, _, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.StartsWith("error: LockJournalInUse: ", stderr);
        var (resumeExit, _, resumeErr) = await Run(azure, "repair", "resume", "--vm", Vm, "--journal-dir", journal);
        Assert.Equal(ExitCodes.Refused, resumeExit);
        Assert.StartsWith("error: LockJournalInUse: ", resumeErr);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task Each_record_is_printed_the_moment_its_step_completes()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        // At each line written, note what ARM holds right then.
        var stdout = new ObservingWriter(() => (Exists(azure, KeepLock), Exists(azure, Rpc1)));

        var exit = await Program.RunAsync(Args(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal, "--output", "json"),
            stdout, new StringWriter(), CancellationToken.None);

        Assert.True(exit == ExitCodes.Success, stdout.ToString());
        var lines = stdout.Lines.Where(l => l.Text.Contains("\"action\"")).ToList();
        Assert.Equal(new[] { "RemoveLock", "DeleteRestorePointCollection", "RestoreLock" },
            lines.Select(l => JsonDocument.Parse(l.Text.TrimStart('[', ',', '\n')).RootElement.GetProperty("action").GetString()));
        Assert.Equal((false, true), lines[0].State);  // printed while the lock was off and the collection still there
        Assert.Equal((false, false), lines[1].State); // printed before the lock went back
        Assert.Equal((true, false), lines[2].State);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(3, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_deadline_stops_a_delete_that_never_finishes_and_puts_the_lock_back()
    {
        var scenario = LockedCollectionScenario();
        scenario.Settings.OperationRetryAfterSeconds = 1;
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var before = Locks(azure);
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "AzureBackup_vm1_1$", Effect = FaultEffect.NeverFinish, Times = 1000 });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, stdout, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal, "--deadline", "3s");

        Assert.True(exit == ExitCodes.ChecksFailed, stdout + stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("deadline", stdout);
        Assert.True(Exists(azure, Rpc1));
        Assert.Equal(before, Locks(azure));
        Assert.Equal(0, JournalCount(journal));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("25h")]
    public async Task A_deadline_that_is_not_a_length_of_time_is_bad_input(string value)
    {
        var (exit, _, stderr) = await CliRun.Run("repair", "restore-points", "--vm", Vm, "--yes", "--deadline", value, "--endpoint", "https://127.0.0.1:1/");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: InvalidInput: --deadline must be a length of time", stderr);
    }

    [Fact]
    public async Task Neither_the_records_nor_the_journal_nor_any_output_hold_the_token()
    {
        await using var azure = await EmulatedAzure.StartAsync(LockedCollectionScenario());
        var journal = NewJournalDirectory();
        azure.Emulator.Faults.Add(new FaultRule { Method = "PUT", PathPattern = "/locks/keep$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 1000 });
        var outputs = new StringBuilder();
        foreach (var output in new[] { "table", "json" })
        {
            var (_, stdout, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes", "--journal-dir", journal, "--output", output);
            outputs.Append(stdout).Append(stderr);
        }
        Assert.Equal(1, JournalCount(journal)); // the lock could not go back: the journal is on disk, with its definition
        Assert.Contains("finance: do not delete", JournalText(journal));
        Assert.DoesNotContain(Token, JournalText(journal));
        azure.Emulator.Faults.Clear();
        var (_, resumeOut, resumeErr) = await Run(azure, "repair", "resume", "--journal-dir", journal, "--output", "json");
        outputs.Append(resumeOut).Append(resumeErr);

        Assert.Contains("Could NOT put back", outputs.ToString()); // the failure was printed...
        Assert.DoesNotContain(Token, outputs.ToString());         // ...without the token
        Assert.True(azure.Emulator.Requests.Total > 0);
    }

    /// <summary>A stdout that notes, for each line written, what a probe says at that moment.</summary>
    private sealed class ObservingWriter(Func<(bool, bool)> probe) : StringWriter
    {
        private readonly StringBuilder _line = new();

        public List<(string Text, (bool, bool) State)> Lines { get; } = new();

        public override void Write(char value)
        {
            base.Write(value);
            _line.Append(value);
        }

        public override void Write(string? value)
        {
            base.Write(value);
            _line.Append(value);
        }

        public override void Flush()
        {
            base.Flush();
            if (_line.Length == 0) return;
            Lines.Add((_line.ToString(), probe()));
            _line.Clear();
        }
    }
}
