using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// The front door for "why did this VM's backup fail?": collects the scope with the readiness scan's collector (whose
    /// inventory already holds each VM's jobs of the last 14 days, from every vault of its subscription), then streams one
    /// <see cref="DiagnosisEvent"/> per failed, warning or overrunning job, among the scan's scope errors and progress.
    /// </summary>
    public sealed class BackupFailureTriage
    {
        private readonly ArmConnection _connection;
        private readonly CultureInfo? _culture;

        /// <param name="culture">The language of the diagnoses: it-*, pt-*, else English (the default, en-US).</param>
        public BackupFailureTriage(ArmConnection connection, CultureInfo? culture = null)
        {
            _connection = connection;
            _culture = culture;
        }

        /// <summary>Collection options (restore point counting, Backup's key vault identity, clock), as for a readiness scan.</summary>
        public ScanOptions Options { get; set; } = new ScanOptions();

        /// <summary>Diagnoses the jobs of every VM in the scope (VM ids, resource groups, subscriptions).</summary>
        public IAsyncEnumerable<ScanEvent> DiagnoseAsync(ScanScope scope, CancellationToken cancellationToken = default)
            => RunAsync(scope, null, cancellationToken);

        /// <summary>Diagnoses the jobs of one Recovery Services vault (its subscription's VMs, only the jobs of that vault).</summary>
        public IAsyncEnumerable<ScanEvent> DiagnoseVaultAsync(string vaultId, CancellationToken cancellationToken = default)
        {
            var vault = Identifiers.Parse(vaultId, Identifiers.Vault);
            return RunAsync(new ScanScope().AddSubscription(vault.SubscriptionId), vault.Id, cancellationToken);
        }

        private async IAsyncEnumerable<ScanEvent> RunAsync(ScanScope scope, string? vaultId, [EnumeratorCancellation] CancellationToken ct)
        {
            if (vaultId != null) await RequireVaultAsync(vaultId, ct).ConfigureAwait(false);
            var collector = InventorySources.Create(_connection, Options);
            var diagnoser = new FailureDiagnoser(_culture, context: Options.EvaluationContext());
            await foreach (var evt in collector.CollectAsync(scope, ct).ConfigureAwait(false))
            {
                if (!(evt is InventoryEvent inventory))
                {
                    yield return evt;
                    continue;
                }
                var vm = inventory.Inventory;
                foreach (var listed in diagnoser.JobsToDiagnose(vm).Where(j => vaultId == null || ArmIds.Same(FailureDiagnoser.VaultOf(j.Id()), vaultId)))
                {
                    var (job, error) = await WithDetailsAsync(listed, ct).ConfigureAwait(false);
                    if (error != null) yield return error;
                    yield return new DiagnosisEvent(diagnoser.Diagnose(vm, job));
                }
            }
        }

        /// <summary>
        /// A vault that does not exist is "not found", not a vault without failed jobs: read it before anything else.
        /// </summary>
        private async Task RequireVaultAsync(string vaultId, CancellationToken ct)
        {
            try
            {
                await _connection.Json.GetAsync(vaultId, ApiVersions.RecoveryServicesVaults, null, ct).ConfigureAwait(false);
            }
            catch (ArmRequestFailedException ex) when (ex.IsNotFound)
            {
                throw new Errors.AzbtException(Errors.FailureKind.NotFound, ex.ErrorCode ?? "ResourceNotFound",
                    $"The Recovery Services vault {vaultId} does not exist (or is not visible to this identity). Check the vault's name, resource group and subscription.",
                    vaultId, ex) { Status = ex.Status };
            }
        }

        /// <summary>
        /// The job as JobDetails_Get returns it, when its listed form lacks the error details (only for jobs that failed or
        /// warned: an overrunning job has no error yet). A failed read keeps the listed job and reports a scope error.
        /// </summary>
        private async Task<(JsonElement Job, ScopeErrorEvent? Error)> WithDetailsAsync(JsonElement job, CancellationToken ct)
        {
            if (!IsFinishedWithError(job) || !JobError.NeedsDetails(job)) return (job, null);
            try
            {
                return (await _connection.Json.GetAsync(job.Id(), ApiVersions.RecoveryServicesBackup, null, ct).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                return (job, ScopeErrors.From(job.Id(), ex, "Could not read the job's details"));
            }
        }

        private static bool IsFinishedWithError(JsonElement job)
            => job.Str("properties.status") is string status
               && (status.Equals("Failed", StringComparison.OrdinalIgnoreCase) || status.Equals("CompletedWithWarnings", StringComparison.OrdinalIgnoreCase));
    }
}
