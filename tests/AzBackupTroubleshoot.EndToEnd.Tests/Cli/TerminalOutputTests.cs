using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>
/// azbt readiness on the demo, run as a process under a pseudo-terminal and redirected: in a terminal it leads with
/// what failed, in colour, with a progress bar on stderr; redirected it streams the plain table with no escape codes;
/// NO_COLOR, --no-color and --quiet are honoured.
/// </summary>
public sealed class TerminalOutputTests
{
    private static readonly string[] DemoScan = { "readiness", "--scenario", "scenarios/demo.json" };

    [Fact]
    public async Task In_a_terminal_the_first_twenty_lines_name_a_failing_check_in_colour_and_a_redirected_stderr_gets_no_bar()
    {
        var stderrFile = Pty.TempFile();
        var (exit, terminal) = await Pty.RunAzbt(DemoScan, redirect: $"2>{stderrFile}");

        Assert.Equal(1, exit);
        var first20 = Pty.Plain(terminal).Split('\n').Take(20).ToList();
        Assert.Contains(first20, l => l.TrimStart().StartsWith("Fail ") && l.Contains("Lock.RestorePointResourceGroup"));
        Assert.DoesNotContain(first20, l => l.TrimStart().StartsWith("Pass "));
        Assert.True(Pty.HasColour(terminal), "a terminal gets colour");
        Assert.Contains("Summary: 52 VM(s)", terminal);
        Assert.Contains("azbt repair", Pty.Plain(terminal)); // the next command

        var stderr = File.ReadAllText(stderrFile);
        File.Delete(stderrFile);
        Assert.False(Pty.HasEscape(stderr), "redirected stderr has no escape codes: " + stderr);
        Assert.DoesNotContain("Subscriptions read", stderr);
    }

    [Fact]
    public async Task Redirected_stdout_is_the_plain_streaming_table_while_the_terminal_stderr_shows_the_progress_bar()
    {
        var stdoutFile = Pty.TempFile();
        var (exit, terminal) = await Pty.RunAzbt(DemoScan, redirect: $">{stdoutFile}");

        Assert.Equal(1, exit);
        var stdout = File.ReadAllText(stdoutFile);
        File.Delete(stdoutFile);
        Assert.False(Pty.HasEscape(stdout), "redirected stdout has no escape codes");
        Assert.StartsWith("VM ", stdout);
        Assert.Contains(" Pass ", stdout); // every row streams when redirected
        Assert.DoesNotContain("Subscriptions read", stdout);

        Assert.Contains("Subscriptions read", terminal); // the bar, on stderr, which is the terminal here
        Assert.Contains("VMs evaluated", terminal);
        Assert.Contains("━", terminal);
        Assert.Contains("52 VM(s): 25 failed", terminal); // and the one-line summary, for the log stdout went to
    }

    [Fact]
    public async Task NO_COLOR_and_no_color_turn_colour_off_in_a_terminal_and_quiet_leaves_out_the_bar()
    {
        var noColorVariable = Pty.RunAzbt(DemoScan, redirect: "2>/dev/null", environment: "NO_COLOR=1");
        var noColorOption = Pty.RunAzbt(DemoScan.Concat(new[] { "--no-color", "--quiet" }).ToArray());
        var (exit1, byVariable) = await noColorVariable;
        var (exit2, byOption) = await noColorOption;

        Assert.Equal(1, exit1);
        Assert.Equal(1, exit2);
        foreach (var terminal in new[] { byVariable, byOption })
        {
            Assert.False(Pty.HasColour(terminal), "no colour codes: " + terminal.Substring(0, Math.Min(400, terminal.Length)));
            Assert.Contains("Lock.RestorePointResourceGroup", terminal);
            Assert.Contains("Summary: 52 VM(s)", terminal);
        }
        Assert.DoesNotContain("Subscriptions read", byOption); // --quiet: no bar although stderr is the terminal
    }
}
