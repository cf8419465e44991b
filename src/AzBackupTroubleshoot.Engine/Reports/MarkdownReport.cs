using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// Markdown for a GitHub step summary or a pull-request comment: the totals, the checks that failed most, then
    /// the findings (Fail, Error, Warning) with their fix. Passes and skips are counted, not listed. The findings
    /// list is capped so a fleet report stays within a step summary's size; the cap is stated when it bites.
    /// </summary>
    internal static class MarkdownReport
    {
        public const int MaxFindings = 500;

        public static void Write(ReportSummary summary, ReportOptions options, TextWriter w)
        {
            w.WriteLine($"## {Md(options.Title)}");
            w.WriteLine();
            w.WriteLine($"{summary.Vms.Count} VM(s) checked, {summary.Results.Count} result(s), generated {options.GeneratedAt:u}.");
            w.WriteLine();
            w.WriteLine("| Status | Results | VMs at worst |");
            w.WriteLine("|---|---:|---:|");
            foreach (var status in ReportSummary.AllStatuses)
                w.WriteLine($"| {Icon(status)} {status} | {summary.ByStatus[status]} | {summary.VmsWith(status)} |");
            w.WriteLine();

            var failing = summary.Checks.Where(c => c.Count(CheckStatus.Fail) + c.Count(CheckStatus.Warning) + c.Count(CheckStatus.Error) > 0).ToList();
            if (failing.Count > 0)
            {
                w.WriteLine("### Checks with findings");
                w.WriteLine();
                w.WriteLine("| Check | Severity | Fail | Error | Warning |");
                w.WriteLine("|---|---|---:|---:|---:|");
                foreach (var c in failing)
                    w.WriteLine($"| `{c.CheckId}` {Md(c.Title)} | {c.Severity} | {c.Count(CheckStatus.Fail)} | {c.Count(CheckStatus.Error)} | {c.Count(CheckStatus.Warning)} |");
                w.WriteLine();
            }

            if (summary.Findings.Count == 0)
            {
                w.WriteLine("No finding needs action.");
                return;
            }
            w.WriteLine("### Findings");
            w.WriteLine();
            w.WriteLine("| Status | VM | Check | Finding | Fix |");
            w.WriteLine("|---|---|---|---|---|");
            foreach (var r in summary.Findings.Take(MaxFindings))
            {
                var fix = Md(r.Remediation ?? "") + (string.IsNullOrEmpty(r.RepairCommand) ? "" : $" `{Code(r.RepairCommand!)}`");
                var codes = r.Codes.Length == 0 ? "" : " (" + string.Join(", ", r.Codes.Select(c => $"`{Code(c)}`")) + ")";
                w.WriteLine($"| {Icon(r.Status)} {r.Status} | {Md(r.VmName)} | `{r.CheckId}` | {Md(r.Message)}{codes} | {fix} |");
            }
            if (summary.Findings.Count > MaxFindings)
            {
                w.WriteLine();
                w.WriteLine($"…and {summary.Findings.Count - MaxFindings} more findings; the HTML or CSV report lists them all.");
            }
        }

        private static string Icon(CheckStatus s) => s switch
        {
            CheckStatus.Fail => ":x:",
            CheckStatus.Error => ":boom:",
            CheckStatus.Warning => ":warning:",
            CheckStatus.Skipped => ":fast_forward:",
            _ => ":white_check_mark:",
        };

        // A table cell must stay on one line and must not open a column or HTML.
        private static string Md(string text) =>
            text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;");

        private static string Code(string text) => text.Replace("`", "'").Replace("|", "\\|").Replace("\n", " ");
    }
}
