using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// A restore pre-check: will this restore fail? Evaluates the <see cref="RestoreFacts"/> read for one request, on the
    /// same framework as the readiness checks (definition, catalog, runner). Document each in docs/restore-checks.md
    /// under a heading equal to its id.
    /// </summary>
    public abstract class RestorePreCheck : Check<RestoreFacts>
    {
        public override CheckSeverity Severity => CheckSeverity.Critical;

        /// <summary>The section of docs/restore-checks.md (GitHub's anchor for a heading "Restore.X" is "restorex").</summary>
        public override string DocPage => "docs/restore-checks.md#" + Id.Replace(".", "").ToLowerInvariant();

        internal override CheckText Crashed(string error) => CheckText.Common("preCheckFailed", ("error", error));

        /// <summary>
        /// A Skipped outcome when a read the check needs failed for a reason other than "not found"; else null.
        /// <paramref name="what"/> is a common text naming the resource ("Common.read.storageAccount", ...).
        /// </summary>
        protected static CheckOutcome? SkipIfFailed(ResourceRead read, CheckText what)
            => read.Failed ? CheckOutcome.Skipped(CheckText.Common("readFailed", ("what", what), ("reason", read.FailureReason))) : null;
    }
}
