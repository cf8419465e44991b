using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>The culture the results' texts are rendered for (it-* Italian, pt-* Portuguese, else English); by default the UI culture.</summary>
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        /// <summary>Throws an InvalidInput <see cref="Errors.AzbtException"/> for malformed input, before any call to ARM.</summary>
        public async Task<RestoreReadinessReport> CheckAsync(RestoreRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            var reader = new RestoreFactsReader(_connection.Json);
            var facts = await reader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
            return new RestoreReadinessReport(Evaluate(facts, Culture), reader.Errors);
        }

        /// <summary>
        /// Runs every pre-check and renders the results for <paramref name="culture"/> (English when null); one that throws
        /// yields an Error result and the others still run.
        /// </summary>
        public static CheckResult[] Evaluate(RestoreFacts facts, CultureInfo? culture = null)
            => new CheckRunner<RestoreFacts>(CheckCatalog.Default.Of<RestorePreCheck>(), EvaluationContext.For(culture)).Run(facts).ToArray();
    }
}
