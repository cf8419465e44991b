using System.Collections.Generic;
using System.Globalization;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>
    /// One error condition Azure Backup can report (or a cause with no code of its own), as read from knowledge/*.json:
    /// the product's own message in each language (data for matching), and our title, cause and remediation.
    /// </summary>
    public sealed class ErrorEntry
    {
        public ErrorEntry(
            string code,
            IReadOnlyList<long> numericCodes,
            IReadOnlyList<string> aliases,
            string area,
            LocalizedList messages,
            LocalizedText title,
            LocalizedText cause,
            LocalizedList remediation,
            IReadOnlyList<string> relatedChecks,
            string? repairedBy,
            FixLocation fixLocation,
            IReadOnlyList<string> seedRefs)
        {
            Code = code;
            NumericCodes = numericCodes;
            Aliases = aliases;
            Area = area;
            Messages = messages;
            Title = title;
            Cause = cause;
            Remediation = remediation;
            RelatedChecks = relatedChecks;
            RepairedBy = repairedBy;
            FixLocation = fixLocation;
            SeedRefs = seedRefs;
        }

        /// <summary>The code as users see it (UserErrorGuestAgentStatusUnavailable, 0x80070570, ID34513) or a stable NoCode.* id.</summary>
        public string Code { get; }

        /// <summary>Numeric codes: the REST job errorCode (320001) or the MARS message id (34513).</summary>
        public IReadOnlyList<long> NumericCodes { get; }

        /// <summary>Other spellings of the code (BackUpOperationFailedV2, "ID: 34513").</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>vm-backup, vm-agent-extension, vm-snapshot, vm-restore, jobs or mars-agent.</summary>
        public string Area { get; }

        /// <summary>The product's error text, every known wording per language; the first is the usual one.</summary>
        public LocalizedList Messages { get; }

        public LocalizedText Title { get; }
        public LocalizedText Cause { get; }

        /// <summary>Ordered steps.</summary>
        public LocalizedList Remediation { get; }

        /// <summary>
        /// Checks whose failure can explain this error although they do not predict its code (a blocked network path
        /// behind an agent that does not answer). Only these links are kept by hand: the checks that declare the code
        /// are found from the checks themselves, <see cref="Checks.CheckCatalog.DetectorsOf"/>.
        /// </summary>
        public IReadOnlyList<string> RelatedChecks { get; }

        /// <summary>The command of this module that repairs it, or null.</summary>
        public string? RepairedBy { get; }

        public FixLocation FixLocation { get; }

        /// <summary>Where in the seed documents this condition is described; empty for entries taken from current docs only.</summary>
        public IReadOnlyList<string> SeedRefs { get; }

        /// <summary>The entry's texts in <paramref name="culture"/> (it-*, pt-*; English otherwise and for any missing translation).</summary>
        public LocalizedErrorEntry Localize(CultureInfo culture) => Localize(KnowledgeLanguages.FromCulture(culture));

        public LocalizedErrorEntry Localize(KnowledgeLanguage language)
        {
            var messages = Messages.For(language);
            return new LocalizedErrorEntry(
                Code,
                language,
                Title.For(language),
                Cause.For(language),
                Remediation.For(language),
                messages.Count > 0 ? messages[0] : null);
        }

        public override string ToString() => Code;
    }
}
