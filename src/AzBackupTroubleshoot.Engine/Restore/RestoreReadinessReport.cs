using System.Collections.Generic;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>What a restore pre-check run found: one result per pre-check, and the reads that failed (scope errors).</summary>
    public sealed class RestoreReadinessReport
    {
        public RestoreReadinessReport(IReadOnlyList<CheckResult> results, IReadOnlyList<ScopeErrorEvent> errors)
        {
            Results = results;
            Errors = errors;
        }

        public IReadOnlyList<CheckResult> Results { get; }
        public IReadOnlyList<ScopeErrorEvent> Errors { get; }
    }
}
