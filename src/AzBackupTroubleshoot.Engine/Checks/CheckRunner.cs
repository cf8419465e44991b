using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>Runs a set of checks on one VM's inventory. A check that throws yields an Error result; the others still run.</summary>
    public sealed class CheckRunner
    {
        private readonly IReadOnlyList<ReadinessCheck> _checks;

        public CheckRunner(IReadOnlyList<ReadinessCheck> checks) => _checks = checks;

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
                    outcome = CheckOutcome.Error($"The check could not evaluate this VM: {ex.Message}");
                }
                yield return CheckResult.From(check, vm, outcome);
            }
        }
    }
}
