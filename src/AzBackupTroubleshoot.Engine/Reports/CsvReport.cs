using System.Collections.Generic;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// CSV (RFC 4180): one row per result, every field text. Codes are joined with "; ", evidence is written as
    /// "path=value" pairs joined with "; ", so spreadsheets and Import-Csv see readable values, not type names.
    /// </summary>
    internal static class CsvReport
    {
        public static readonly string[] Columns =
        {
            "VmName", "ResourceGroup", "SubscriptionId", "CheckId", "Title", "Status", "Severity", "Codes", "Message",
            "Remediation", "RepairCommand", "Evidence", "DocPage", "Language", "VmId",
        };

        public static void Write(ReportSummary summary, TextWriter w)
        {
            w.Write(string.Join(",", Columns) + "\r\n");
            foreach (var r in summary.Results) w.Write(string.Join(",", Fields(r).Select(Quote)) + "\r\n");
        }

        private static IEnumerable<string> Fields(CheckResult r)
        {
            yield return r.VmName;
            yield return r.ResourceGroup;
            yield return r.SubscriptionId;
            yield return r.CheckId;
            yield return r.Title;
            yield return r.Status.ToString();
            yield return r.Severity.ToString();
            yield return string.Join("; ", r.Codes);
            yield return r.Message;
            yield return r.Remediation ?? "";
            yield return r.RepairCommand ?? "";
            yield return string.Join("; ", r.Evidence.Select(e => e.ToString()));
            yield return r.DocPage;
            yield return r.Language;
            yield return r.VmId;
        }

        // Quote every field that needs it; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.
        private static string Quote(string field)
        {
            if (field.Length > 0 && "=+-@".IndexOf(field[0]) >= 0) field = "'" + field;
            return field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
        }
    }
}
