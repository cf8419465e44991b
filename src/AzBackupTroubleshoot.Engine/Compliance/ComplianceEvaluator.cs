using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Compliance
{
    /// <summary>What a result means for a compliance run.</summary>
    public enum ComplianceOutcome
    {
        /// <summary>The check passed (or warned, with warnings allowed).</summary>
        Passed,
        /// <summary>The result fails the run.</summary>
        Failed,
        /// <summary>It would fail the run, but an unexpired suppression accepts it.</summary>
        Suppressed,
        /// <summary>The check did not apply, or its data could not be read (Skipped).</summary>
        NotApplicable,
        /// <summary>A failure whose severity this run does not fail on: reported, not fatal.</summary>
        Inconclusive,
    }

    /// <summary>One result judged by a compliance configuration.</summary>
    public sealed class ComplianceVerdict
    {
        public ComplianceVerdict(CheckResult result, CheckTags check, ComplianceOutcome outcome, string reason)
            => (Result, Check, Outcome, Reason) = (result, check, outcome, reason);

        public CheckResult Result { get; }
        public CheckTags Check { get; }
        public ComplianceOutcome Outcome { get; }
        /// <summary>Why, in one line: the result's message, plus the suppression or severity rule that applied.</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// Applies a <see cref="ComplianceConfiguration"/> to readiness results. Pure: the same results, configuration and
    /// time give the same verdicts. An expired suppression stops the run (it must be renewed or removed), so a
    /// forgotten exception never lingers silently.
    /// </summary>
    public static class ComplianceEvaluator
    {
        public const string SuppressionExpired = "SuppressionExpired";

        public static IReadOnlyList<ComplianceVerdict> Evaluate(IEnumerable<CheckResult> results, ComplianceConfiguration configuration, DateTimeOffset now, string source = "configuration")
        {
            var expired = configuration.Suppressions.Where(s => s.IsExpired(now)).ToList();
            if (expired.Count > 0)
            {
                var first = expired[0];
                throw new AzbtException(FailureKind.InvalidInput, SuppressionExpired,
                    $"{expired.Count} suppression(s) in '{source}' expired: {first.Describe()} ended {first.Expires:yyyy-MM-dd} ('{first.Justification}'); renew or remove it.",
                    source);
            }
            return results.Where(r => configuration.Includes(r.CheckId)).Select(r => Judge(r, configuration)).ToList();
        }

        private static ComplianceVerdict Judge(CheckResult result, ComplianceConfiguration configuration)
        {
            var tags = CheckTags.Of(result);
            switch (result.Status)
            {
                case CheckStatus.Pass:
                    return new ComplianceVerdict(result, tags, ComplianceOutcome.Passed, result.Message);
                case CheckStatus.Skipped:
                    return new ComplianceVerdict(result, tags, ComplianceOutcome.NotApplicable, result.Message);
                case CheckStatus.Warning when !configuration.WarningAsFailure:
                    return new ComplianceVerdict(result, tags, ComplianceOutcome.Passed, "Warning (warnings do not fail this run): " + result.Message);
            }

            // Fail, Error (the check could not decide: fail closed) and Warning when warnings fail.
            var suppression = configuration.Suppressions.FirstOrDefault(s => s.Matches(result, tags));
            if (suppression != null)
            {
                var until = suppression.Expires.HasValue ? $" until {suppression.Expires:yyyy-MM-dd}" : "";
                return new ComplianceVerdict(result, tags, ComplianceOutcome.Suppressed, $"Suppressed{until}: {suppression.Justification} ({result.Status}: {result.Message})");
            }
            if (result.Status != CheckStatus.Error && !configuration.FailOnSeverity.Contains(result.Severity))
                return new ComplianceVerdict(result, tags, ComplianceOutcome.Inconclusive, $"{result.Severity} findings do not fail this run: {result.Message}");
            return new ComplianceVerdict(result, tags, ComplianceOutcome.Failed, result.Message);
        }
    }
}
