using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli.Output;

/// <summary>The terminal report and its pieces, on hand-made results: order, what is listed, cutting, the next command.</summary>
public sealed class TerminalReportTests
{
    private static readonly TerminalSettings Terminal = new() { StdoutIsTerminal = true, Width = 100 };

    private static CheckResult Result(string vm, string check, CheckStatus status, string message = "m", string? repair = null) => new()
    {
        VmId = $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{vm}",
        VmName = vm, ResourceGroup = "rg", CheckId = check, Status = status, Message = message,
        Remediation = status is CheckStatus.Fail or CheckStatus.Warning ? "do this" : null, RepairCommand = repair,
    };

    private static string Render(ShowFilter show, params CheckResult[] results)
    {
        var report = new ResultReport(Terminal, show, ReportSubject.Readiness, "--scenario demo.json");
        foreach (var r in results) report.Add(r);
        var output = new StringWriter();
        report.Write(output);
        return output.ToString();
    }

    [Fact]
    public void The_worst_VM_comes_first_passes_are_counted_not_listed_and_the_next_command_repairs_the_commonest_fixable_failure()
    {
        var text = Render(ShowFilter.Default,
            Result("vm-a-healthy", "Agent.Ready", CheckStatus.Pass, "agent fine"),
            Result("vm-b-warns", "Lock.VmResourceGroup", CheckStatus.Warning, "a lock"),
            Result("vm-c-fails", "Agent.Ready", CheckStatus.Pass, "agent fine"),
            Result("vm-c-fails", "Extension.BackupExtension", CheckStatus.Fail, "extension failed", "Repair-AzVmBackupExtension"),
            Result("vm-c-fails", "KeyVault.BackupAccess", CheckStatus.Skipped, "No disk is encrypted. More."));
        var lines = text.Split('\n');

        Assert.StartsWith("vm-c-fails", lines[0]);
        Assert.Contains("1 fail · 1 skipped · 1 pass", lines[0]);
        Assert.Matches("^  Fail +Extension.BackupExtension +extension failed", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("  1 skipped KeyVault.BackupAccess (No disk is encrypted)"));
        Assert.True(text.IndexOf("vm-b-warns", StringComparison.Ordinal) > text.IndexOf("vm-c-fails", StringComparison.Ordinal));
        Assert.DoesNotContain("agent fine", text); // passes are counted only
        Assert.Contains("1 VM(s) with nothing failing or warning: vm-a-healthy", text);
        Assert.Matches("VMs by worst status +1 Fail · 1 Warning · 1 Pass", text);
        Assert.Matches("Next +azbt repair extension --vm /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-c-fails --scenario demo.json --dry-run", text);
        Assert.False(text.Contains('\u001b'), "colour was not asked for");
    }

    [Fact]
    public void Show_all_lists_passes_and_skips_too()
    {
        var text = Render(ShowFilter.Parse(new[] { "all" }),
            Result("vm-a", "Agent.Ready", CheckStatus.Pass, "agent fine"),
            Result("vm-a", "KeyVault.BackupAccess", CheckStatus.Skipped, "no disk encrypted"));

        Assert.Matches("(?m)^  Pass +Agent.Ready +agent fine", text);
        Assert.Matches("(?m)^  Skipped +KeyVault.BackupAccess +no disk encrypted", text);
        Assert.Equal(new[] { CheckStatus.Pass, CheckStatus.Warning }, Enum.GetValues<CheckStatus>().Where(ShowFilter.Parse(new[] { "pass,warn" }).Lists));
        Assert.Throws<ArgumentException>(() => ShowFilter.Parse(new[] { "passes" }));
    }

    [Fact]
    public void Names_are_cut_in_the_middle_only_when_they_do_not_fit()
    {
        Assert.Equal("vm-prod-weu-app-0042", Text.CutMiddle("vm-prod-weu-app-0042", 20));
        Assert.Equal("vm-pro…-app-0042", Text.CutMiddle("vm-prod-weu-app-0042", 16));
        var table = new StringWriter();
        new ResultTable(table).Write(Result("vm-a-rather-long-name-that-ends-in-0042", "Agent.Ready", CheckStatus.Pass));
        var row = table.ToString().Split('\n')[1];
        Assert.Matches("^vm-a-rather…hat-ends-in-0042 Agent.Ready ", row); // 28 columns, both ends kept
        Assert.Equal(29, row.IndexOf("Agent.Ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_progress_bar_shows_counts_Resource_Graph_queries_and_a_throttling_wait_as_such()
    {
        var stderr = new StringWriter();
        var bar = await ScanProgressBar.StartIfWanted(new TerminalSettings { Progress = true }, stderr);
        Assert.NotNull(bar);
        bar!.Report(new ProgressEvent("scan", "…", 40)
        {
            SubscriptionsTotal = 3, SubscriptionsRead = 1, VmsFound = 200, VmsEvaluated = 50,
            RestorePointCollectionsTotal = 120, RestorePointCollectionsRead = 30,
            ResourceGraphQueriesTotal = 14, ResourceGraphQueriesDone = 9, ResourceGraphRowsRead = 3210,
            ThrottlingWait = TimeSpan.FromSeconds(11.2), ThrottledSubscription = "sub-2",
        });
        await Task.Delay(400); // Spectre redraws on its own timer (100 ms)
        await bar.DisposeAsync();
        var text = stderr.ToString();

        Assert.Contains("throttled by ARM: waiting 12 s (sub-2)", text);
        Assert.Contains("VMs evaluated 50/200", text);
        Assert.Contains("Restore point collections read 30/120", text);
        Assert.Contains("Resource Graph queries 9/14 (3210 rows)", text);
        Assert.Null(await ScanProgressBar.StartIfWanted(new TerminalSettings { Progress = false }, stderr));
    }
}
