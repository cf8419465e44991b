using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>Writes a report of a set of results in one format. The only entry point the fronts call.</summary>
    public static class ReportWriter
    {
        public static void Write(ReportFormat format, IEnumerable<CheckResult> results, Stream output, ReportOptions? options = null)
        {
            options ??= new ReportOptions();
            var summary = ReportSummary.Of(results);
            switch (format)
            {
                case ReportFormat.Sarif:
                    SarifReport.Write(summary, options, output);
                    return;
                case ReportFormat.JUnit:
                    JUnitReport.Write(summary, options, output);
                    return;
            }
            using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            switch (format)
            {
                case ReportFormat.Html: HtmlReport.Write(summary, options, text); break;
                case ReportFormat.Markdown: MarkdownReport.Write(summary, options, text); break;
                case ReportFormat.Csv: CsvReport.Write(summary, text); break;
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        /// <summary>Writes the report to a file, replacing it only once the whole report is written.</summary>
        public static void WriteFile(ReportFormat format, IEnumerable<CheckResult> results, string path, ReportOptions? options = null)
        {
            var full = Path.GetFullPath(path);
            var temp = full + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Write(format, results, stream, options);
            }
            if (File.Exists(full)) File.Delete(full);
            File.Move(temp, full);
        }
    }
}
