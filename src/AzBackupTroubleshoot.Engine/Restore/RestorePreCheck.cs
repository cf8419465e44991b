using System.Collections.Generic;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// One restore pre-check: a pure function of the <see cref="RestoreFacts"/>, shaped like a readiness check (stable id,
    /// the error codes it prevents, severity). Register new ones in <see cref="RestorePreChecks"/>; document each in
    /// docs/restore-checks.md under a heading equal to its id.
    /// </summary>
    public abstract class RestorePreCheck
    {
        /// <summary>Stable id, e.g. "Restore.SubnetExists". Never renamed: users filter by it.</summary>
        public abstract string Id { get; }

        public abstract string Title { get; }

        public virtual CheckSeverity Severity => CheckSeverity.Critical;

        /// <summary>The restore error codes (as in the knowledge base) this pre-check predicts.</summary>
        public abstract IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>The section of docs/restore-checks.md (GitHub's anchor for a heading "Restore.X" is "restorex").</summary>
        public string DocPage => "docs/restore-checks.md#" + Id.Replace(".", "").ToLowerInvariant();

        public abstract CheckOutcome Evaluate(RestoreFacts facts);

        /// <summary>A Skipped outcome when a read the check needs failed for a reason other than "not found"; else null.</summary>
        protected static CheckOutcome? SkipIfFailed(ResourceRead read, string what)
            => read.Failed ? CheckOutcome.Skipped($"Not evaluated: the {what} could not be read ({read.FailureReason}).") : null;
    }
}
