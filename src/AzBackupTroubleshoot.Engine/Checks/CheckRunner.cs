using System;
using System.Collections.Generic;
using System.Globalization;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// Runs a set of checks on one VM's inventory and renders the results in one language. A check that throws yields an
    /// Error result; the others still run.
    /// </summary>
    public sealed class CheckRunner
    {
        private readonly IReadOnlyList<ReadinessCheck> _checks;
        private readonly KnowledgeLanguage _language;

        /// <param name="culture">The culture the texts are rendered for: it-* Italian, pt-* Portuguese, else (and when null) English.</param>
        public CheckRunner(IReadOnlyList<ReadinessCheck> checks, CultureInfo? culture = null)
        {
            _checks = checks;
            _language = KnowledgeLanguages.FromCulture(culture);
        }

        public IEnumerable<CheckResult> Run(VmInventory vm)
        {
            foreach (var check in _checks)
            {
                if (!vm.Exists && !check.AppliesToMissingVm) continue;
                CheckOutcome outcome;
                try
                {
                    outcome = check.Evaluate(vm);
                }
                catch (Exception ex)
                {
                    outcome = CheckOutcome.Error(CheckText.Common("checkFailed", ("error", ex.Message)));
                }
                yield return CheckResult.From(check, vm, outcome, _language);
            }
        }
    }
}
