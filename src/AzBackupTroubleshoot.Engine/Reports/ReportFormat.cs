using System;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>The report formats <see cref="ReportWriter"/> can write from a set of results.</summary>
    public enum ReportFormat
    {
        /// <summary>One self-contained HTML page: summaries, a filterable findings table, no external assets.</summary>
        Html,
        /// <summary>Markdown that fits a GitHub step summary or a pull-request comment.</summary>
        Markdown,
        /// <summary>SARIF 2.1.0: one rule per check, one result per failing or warning check and VM.</summary>
        Sarif,
        /// <summary>JUnit XML: one test suite per check, one test case per VM.</summary>
        JUnit,
        /// <summary>CSV: one row per result, codes and evidence as text.</summary>
        Csv,
    }

    public static class ReportFormats
    {
        /// <summary>The names a user can type (case-insensitive), in documentation order.</summary>
        public static readonly string[] Names = { "html", "markdown", "sarif", "junit", "csv" };

        /// <summary>Parses a format name; <c>md</c> is accepted for Markdown.</summary>
        public static bool TryParse(string? name, out ReportFormat format)
        {
            switch ((name ?? "").Trim().ToLowerInvariant())
            {
                case "html": format = ReportFormat.Html; return true;
                case "markdown": case "md": format = ReportFormat.Markdown; return true;
                case "sarif": format = ReportFormat.Sarif; return true;
                case "junit": format = ReportFormat.JUnit; return true;
                case "csv": format = ReportFormat.Csv; return true;
                default: format = default; return false;
            }
        }

        /// <summary>The usual file extension of a format, with the dot.</summary>
        public static string Extension(ReportFormat format) => format switch
        {
            ReportFormat.Html => ".html",
            ReportFormat.Markdown => ".md",
            ReportFormat.Sarif => ".sarif",
            ReportFormat.JUnit => ".xml",
            ReportFormat.Csv => ".csv",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
