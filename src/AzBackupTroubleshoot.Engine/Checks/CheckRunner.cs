using System;
using System.Collections.Generic;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// The one runner: evaluates a set of checks on one subject's facts in one <see cref="EvaluationContext"/> and renders
    /// the results in its language. A check that throws yields an Error result; the others still run. A check that does
    /// not apply to the facts (e.g. most checks on a deleted VM) gives no result.
    /// </summary>
    public sealed class CheckRunner<TFacts> where TFacts : ICheckFacts
    {
        private readonly IReadOnlyList<Check<TFacts>> _checks;

        public CheckRunner(IReadOnlyList<Check<TFacts>> checks, EvaluationContext? context = null)
        {
            _checks = checks;
            Context = context ?? new EvaluationContext();
        }

        public EvaluationContext Context { get; }

        public IEnumerable<CheckResult> Run(TFacts facts)
        {
            foreach (var check in _checks)
            {
                if (!check.AppliesTo(facts)) continue;
                CheckOutcome outcome;
                try
                {
                    outcome = check.Evaluate(facts, Context);
                }
                catch (Exception ex)
                {
                    outcome = CheckOutcome.Error(check.Crashed(ex.Message));
                }
                outcome = NeverPassUnread(check, facts, outcome);
                yield return CheckResult.From(check, facts.Subject, outcome, Context.Language);
            }
        }

        /// <summary>
        /// A Pass is a claim about data: when a part the check reads could not be read, the check was judging without it
        /// (a disk list that failed makes an encrypted disk look plain), so the Pass becomes a Skipped with the reason.
        /// Fails and warnings stand: they rest on what was read.
        /// </summary>
        private static CheckOutcome NeverPassUnread(Check<TFacts> check, TFacts facts, CheckOutcome outcome)
        {
            if (outcome.Status != CheckStatus.Pass || !(facts is Inventory.VmInventory vm)) return outcome;
            foreach (var part in check.Reads)
            {
                if (vm.IsUnavailable(part, out var reason))
                    return CheckOutcome.Skipped(CheckText.Common("partUnavailable", ("part", part), ("reason", reason)), outcome.Evidence is Evidence[] e ? e : new List<Evidence>(outcome.Evidence).ToArray());
            }
            return outcome;
        }
    }
}
