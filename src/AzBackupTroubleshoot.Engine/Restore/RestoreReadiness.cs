using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// The front door for "will this restore fail, and why?": validates the request, reads the resources it names,
    /// and runs every restore pre-check on them. Results have the same shape as the readiness checks' (one per pre-check,
    /// the source VM as the subject).
    /// </summary>
    public sealed class RestoreReadiness
    {
        private readonly ArmConnection _connection;

        public RestoreReadiness(ArmConnection connection) => _connection = connection;

        /// <summary>Throws <see cref="ArgumentException"/> for malformed input, before any call to ARM.</summary>
        public async Task<RestoreReadinessReport> CheckAsync(RestoreRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            var reader = new RestoreFactsReader(_connection.Json);
            var facts = await reader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
            return new RestoreReadinessReport(Evaluate(facts), reader.Errors);
        }

        /// <summary>Runs every pre-check; one that throws yields an Error result and the others still run.</summary>
        public static CheckResult[] Evaluate(RestoreFacts facts)
            => RestorePreChecks.All.Select(check =>
            {
                CheckOutcome outcome;
                try
                {
                    outcome = check.Evaluate(facts);
                }
                catch (Exception ex)
                {
                    outcome = CheckOutcome.Error($"The pre-check could not evaluate this restore: {ex.Message}");
                }
                return ToResult(check, facts.SourceVmId, outcome);
            }).ToArray();

        private static CheckResult ToResult(RestorePreCheck check, string sourceVmId, CheckOutcome outcome)
        {
            var failing = outcome.Status == CheckStatus.Fail || outcome.Status == CheckStatus.Warning;
            return new CheckResult
            {
                VmId = sourceVmId,
                VmName = sourceVmId.Length == 0 ? "" : ArmIds.NameOf(sourceVmId),
                ResourceGroup = ArmIds.ResourceGroupOf(sourceVmId) ?? "",
                SubscriptionId = ArmIds.SubscriptionOf(sourceVmId) ?? "",
                CheckId = check.Id,
                Title = check.Title,
                Status = outcome.Status,
                Severity = check.Severity,
                Codes = failing ? (outcome.Codes ?? check.ErrorCodes).ToArray() : Array.Empty<string>(),
                Message = outcome.Message,
                Remediation = outcome.Remediation,
                Evidence = outcome.Evidence.ToArray(),
                DocPage = check.DocPage,
            };
        }
    }
}
