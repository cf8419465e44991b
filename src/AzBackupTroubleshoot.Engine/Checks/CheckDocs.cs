using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// The parts of the check documentation that are derived from the definitions, never hand-kept: the index table of
    /// docs/checks/README.md and the header block of each check's page (title, severity, codes, repair, parts read, tags).
    /// A test (CheckDocsTests) rewrites the blocks between the markers and fails when the committed docs differ.
    /// </summary>
    public static class CheckDocs
    {
        public const string Begin = "<!-- generated from the check definitions: do not edit; AZBT_UPDATE_DOCS=1 dotnet test rewrites it -->";
        public const string End = "<!-- end of generated block -->";

        /// <summary>The index of docs/checks/README.md: one table of readiness checks, one of restore pre-checks.</summary>
        public static string Index(CheckCatalog catalog)
        {
            var text = new StringBuilder();
            text.Append(Table(catalog.Of<ReadinessCheck>()));
            text.Append("\nRestore pre-checks (`Test-AzVmRestoreReadiness`, `azbt restore-readiness`):\n\n");
            text.Append(Table(catalog.Of<Restore.RestorePreCheck>()));
            return text.ToString();
        }

        /// <summary>The header block of a check's own page, under its "# Id" heading.</summary>
        public static string Header(Check check)
        {
            var text = new StringBuilder();
            text.Append("**").Append(check.Title).Append("**\n\n");
            text.Append("| Severity | Error codes | Repair | Reads | Tags |\n|---|---|---|---|---|\n");
            text.Append("| ").Append(check.Severity)
                .Append(" | ").Append(Codes(check.ErrorCodes))
                .Append(" | ").Append(check.RepairCommand == null ? "none (manual fix)" : "`" + check.RepairCommand + "`")
                .Append(" | ").Append(List(check.Reads))
                .Append(" | ").Append(List(check.Tags))
                .Append(" |\n");
            return text.ToString();
        }

        /// <summary>A new page for a check that has none: the generated header and the sections to write.</summary>
        public static string NewPage(Check check)
            => $"# {check.Id}\n\n{Begin}\n{Header(check)}{End}\n\n## What it looks at\n\n## Why it matters\n\n## Outcomes\n\n## How to fix\n";

        /// <summary>
        /// <paramref name="document"/> with the text between <see cref="Begin"/> and <see cref="End"/> replaced by
        /// <paramref name="block"/>. Throws when the markers are missing: a page must show where its generated part is.
        /// </summary>
        public static string Replace(string document, string block)
        {
            var text = document.Replace("\r\n", "\n");
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            if (start < 0 || end < start)
                throw new FormatException($"The document has no generated block (a line '{Begin}' followed by '{End}').");
            return text.Substring(0, start + Begin.Length) + "\n" + block + text.Substring(end);
        }

        private static string Table<TCheck>(IReadOnlyList<TCheck> checks) where TCheck : Check
        {
            var text = new StringBuilder("| Check | What it verifies | Severity | Repair | Tags |\n|---|---|---|---|---|\n");
            foreach (var check in checks)
                text.Append("| [").Append(check.Id).Append("](").Append(LinkFromIndex(check.DocPage)).Append(") | ")
                    .Append(check.Title).Append(" | ").Append(check.Severity).Append(" | ")
                    .Append(check.RepairCommand == null ? "-" : "`" + check.RepairCommand + "`").Append(" | ")
                    .Append(List(check.Tags)).Append(" |\n");
            return text.ToString();
        }

        /// <summary>A doc page (relative to the repository root) as a link from docs/checks/README.md.</summary>
        private static string LinkFromIndex(string docPage)
            => docPage.StartsWith("docs/checks/", StringComparison.Ordinal) ? docPage.Substring("docs/checks/".Length)
                : docPage.StartsWith("docs/", StringComparison.Ordinal) ? "../" + docPage.Substring("docs/".Length)
                : "../../" + docPage;

        private static string Codes(IReadOnlyList<string> codes) => codes.Count == 0 ? "-" : string.Join(", ", codes.Select(c => "`" + c + "`"));

        private static string List(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "-";
    }
}
