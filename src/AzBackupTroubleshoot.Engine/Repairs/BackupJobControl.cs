using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Cancels a backup job (Stop-AzVmBackupJob). The job is read first so that the known refusals come out as clear
    /// messages instead of service errors: not in progress, not cancellable, a job type that cannot be cancelled, or a
    /// cancellation that the service accepted but could not carry out.
    /// </summary>
    public sealed class BackupJobControl
    {
        private readonly ArmConnection _connection;

        public BackupJobControl(ArmConnection connection) => _connection = connection;

        /// <summary>Reads a job; <paramref name="jobId"/> is its ARM id ({vault}/backupJobs/{name}).</summary>
        public Task<JsonElement> GetJobAsync(string jobId, CancellationToken ct)
            => _connection.Json.GetAsync(jobId, ApiVersions.RecoveryServicesBackup, null, ct);

        /// <summary>Checks that a job can be cancelled; throws <see cref="RepairRefusedException"/> naming the reason when not.</summary>
        public static void EnsureCancellable(JsonElement job)
        {
            var name = job.Str("name") ?? job.Id();
            var status = job.Str("properties.status") ?? "Unknown";
            var jobType = job.Str("properties.jobType");
            if (jobType != null && !string.Equals(jobType, "AzureIaaSVMJob", StringComparison.OrdinalIgnoreCase) && !string.Equals(jobType, "AzureIaaSVMJobV2", StringComparison.OrdinalIgnoreCase))
                throw new RepairRefusedException("JobCancelNotSupportedForType", $"Job {name} is a {jobType}; only Azure VM backup jobs can be cancelled here.");
            if (!string.Equals(status, "InProgress", StringComparison.OrdinalIgnoreCase))
                throw new RepairRefusedException("JobNotInProgress", $"Job {name} is {status}, not in progress, so there is nothing to cancel.");
            var actions = job.Array("properties.actionsInfo").Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null).ToList();
            if (actions.Count > 0 && !actions.Any(a => string.Equals(a, "Cancellable", StringComparison.OrdinalIgnoreCase)))
                throw new RepairRefusedException("JobNotCancellable", $"Job {name} is in a phase that cannot be cancelled (allowed actions: {string.Join(", ", actions)}). Wait for it to finish.");
        }

        /// <summary>Plans the cancellation of a job; refuses (with the reason) when it cannot be cancelled.</summary>
        public static PlannedAction Plan(JsonElement job)
        {
            EnsureCancellable(job);
            return new PlannedAction("CancelJob", job.Id(), $"Cancel backup job {job.Str("name")} of {VmNameOf(job)}");
        }

        /// <summary>The VM a job is about: jobs name it only by its friendly name.</summary>
        public static string VmNameOf(JsonElement job) => job.Str("properties.entityFriendlyName") ?? "";

        /// <summary>Cancels when approved; otherwise returns the WhatIf record and sends nothing.</summary>
        public Task<RepairRecord> ExecuteAsync(JsonElement job, PlannedAction action, CancellationToken ct)
            => action.Approved ? CancelAsync(VmNameOf(job), job, ct) : Task.FromResult(action.WhatIf(VmNameOf(job), job.Str("name")));

        /// <summary>Cancels an in-progress job and waits until the service has acted on the request.</summary>
        public async Task<RepairRecord> CancelAsync(string vmId, JsonElement job, CancellationToken ct)
        {
            EnsureCancellable(job);
            var jobId = job.Id();
            try
            {
                var started = await _connection.Json.SendAsync("POST", jobId + "/cancel", ApiVersions.RecoveryServicesBackup, null, null, ct).ConfigureAwait(false);
                await LongRunningOperation.WaitAsync(_connection.Json, started, ct).ConfigureAwait(false);
            }
            catch (ArmRequestFailedException ex)
            {
                return new RepairRecord { VmId = vmId, Action = "CancelJob", Target = jobId, JobId = job.Str("name"), Status = RepairStatus.Failed, ErrorCode = ex.ErrorCode, Message = $"The service could not cancel job {job.Str("name")}: {ex.Message}. Try again in a few minutes; if it keeps failing, let the job finish." };
            }
            var after = await GetJobAsync(jobId, ct).ConfigureAwait(false);
            var status = after.Str("properties.status");
            return new RepairRecord { VmId = vmId, Action = "CancelJob", Target = jobId, JobId = job.Str("name"), Status = RepairStatus.Done, Message = $"Cancellation requested; the job is now {status}." };
        }
    }
}
