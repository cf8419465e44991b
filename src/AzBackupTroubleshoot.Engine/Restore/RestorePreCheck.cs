using System.Collections.Generic;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// One restore pre-check: a pure function of the <see cref="RestoreFacts"/>, shaped like a readiness check (stable id,
    /// the error codes it prevents, severity). Register new ones in <see cref="RestorePreChecks"/>; document each in
    /// docs/restore-checks.md under a heading equal to its id. Its texts live in knowledge/check-texts.json under "&lt;Id&gt;.&lt;key&gt;".
    /// </summary>
    public abstract class RestorePreCheck
    {
        /// <summary>Stable id, e.g. "Restore.SubnetExists". Never renamed: users filter by it.</summary>
        public abstract string Id { get; }

        /// <summary>A short title, in English (the "&lt;Id&gt;.title" text).</summary>
        public string Title => TitleIn(KnowledgeLanguage.En);

        public string TitleIn(KnowledgeLanguage language) => CheckText.TitleOf(Id, language);

        public virtual CheckSeverity Severity => CheckSeverity.Critical;

        /// <summary>The restore error codes (as in the knowledge base) this pre-check predicts.</summary>
        public abstract IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>The section of docs/restore-checks.md (GitHub's anchor for a heading "Restore.X" is "restorex").</summary>
        public string DocPage => "docs/restore-checks.md#" + Id.Replace(".", "").ToLowerInvariant();

        public abstract CheckOutcome Evaluate(RestoreFacts facts);

        /// <summary>This pre-check's text <paramref name="key"/> with its placeholder values.</summary>
        protected CheckText Text(string key, params (string Name, object? Value)[] args) => CheckText.Of(Id, key, args);

        /// <summary>
        /// A Skipped outcome when a read the check needs failed for a reason other than "not found"; else null.
        /// <paramref name="what"/> is a common text naming the resource ("Common.read.storageAccount", ...).
        /// </summary>
        protected static CheckOutcome? SkipIfFailed(ResourceRead read, CheckText what)
            => read.Failed ? CheckOutcome.Skipped(CheckText.Common("readFailed", ("what", what), ("reason", read.FailureReason))) : null;
    }
}
