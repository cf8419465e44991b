using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// The readiness checks that relate to a knowledge base entry: those that declare the entry's code among the codes
    /// they predict, then those the entry names as related (<see cref="CheckCatalog.DetectorsOf"/>). Restore pre-checks
    /// are left out: triage runs the readiness checks.
    /// </summary>
    internal sealed class RelatedChecks
    {
        private readonly KnowledgeBase _kb;

        public RelatedChecks(KnowledgeBase kb) => _kb = kb;

        public IReadOnlyList<ReadinessCheck> For(ErrorEntry entry)
            => CheckCatalog.Default.DetectorsOf(entry, _kb).Select(CheckCatalog.Find).Where(c => c != null).Select(c => c!).ToList();

        /// <summary>
        /// Whether a check's result explains the entry: it fails or warns, and it has not narrowed its codes to others.
        /// A check that does not list the entry's code at all relates through the entry's related checks, so its failure counts.
        /// </summary>
        public bool Explains(CheckResult result, ReadinessCheck check, ErrorEntry entry)
        {
            if (result.Status != CheckStatus.Fail && result.Status != CheckStatus.Warning) return false;
            return result.Codes.Any(code => Is(code, entry)) || !check.ErrorCodes.Any(code => Is(code, entry));
        }

        // Codes are compared through the knowledge base, so an alias (VmNotInDesirableState) is its entry.
        private bool Is(string code, ErrorEntry entry) => _kb.FindByCode(code) == entry;
    }
}
