using System;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>What a report says about itself: its title, when it was made, and where check documentation lives.</summary>
    public sealed class ReportOptions
    {
        public string Title { get; set; } = "Azure VM backup readiness";

        /// <summary>When the report was made; a fixed value keeps a report reproducible (tests).</summary>
        public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>
        /// Prefix for the results' doc pages (e.g. a repository's blob URL). Results name their page relative to the
        /// repository (<c>docs/checks/Agent.Ready.md</c>); without a base the page is shown as text, not as a link.
        /// </summary>
        public string? DocBaseUrl { get; set; }

        /// <summary>The tool version written into SARIF and JUnit files.</summary>
        public string ToolVersion { get; set; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        internal string? DocLink(string docPage)
        {
            if (string.IsNullOrEmpty(docPage) || string.IsNullOrEmpty(DocBaseUrl)) return null;
            return DocBaseUrl!.TrimEnd('/') + "/" + docPage.TrimStart('/');
        }
    }
}
