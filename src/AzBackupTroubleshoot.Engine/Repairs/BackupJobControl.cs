using System;
using System.Linq;
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

        /// <summary>
        /// Reads a job; <paramref name="jobId"/> is its ARM id ({vault}/backupJobs/{name}). A malformed id is an InvalidInput
        /// AzbtException (<see cref="Identifiers.BackupJobId"/>), thrown before any request.
        /// </summary>
        public Task<BackupJob> GetJobAsync(string jobId, CancellationToken ct)
        {
            var id = Identifiers.BackupJobId(jobId);
            return GetAsync(id, ct);
        }

        private async Task<BackupJob> GetAsync(string jobId, CancellationToken ct)
            => BackupJob.FromArm(await _connection.Json.GetAsync(jobId, ApiVersions.RecoveryServicesBackup, null, ct).ConfigureAwait(false));

        /// <summary>Checks that a job can be cancelled; throws <see cref="RepairRefusedException"/> naming the reason when not.</summary>
        public static void EnsureCancellable(BackupJob job)
        {
            var name = job.Name;
            var status = job.Status;
            var jobType = job.JobType;
            if (jobType != null && !string.Equals(jobType, "AzureIaaSVMJob", StringComparison.OrdinalIgnoreCase) && !string.Equals(jobType, "AzureIaaSVMJobV2", StringComparison.OrdinalIgnoreCase))
                throw new RepairRefusedException("JobCancelNotSupportedForType", $"Job {name} is a {jobType}; only Azure VM backup jobs can be cancelled here.");
            if (!string.Equals(status, "InProgress", StringComparison.OrdinalIgnoreCase))
                throw new RepairRefusedException("JobNotInProgress", $"Job {name} is {status}, not in progress, so there is nothing to cancel.");
            var actions = job.Actions;
            if (actions.Count > 0 && !actions.Any(a => string.Equals(a, "Cancellable", StringComparison.OrdinalIgnoreCase)))
                throw new RepairRefusedException("JobNotCancellable", $"Job {name} is in a phase that cannot be cancelled (allowed actions: {string.Join(", ", actions)}). Wait for it to finish.");
        }

        /// <summary>Plans the cancellation of a job; refuses (with the reason) when it cannot be cancelled.</summary>
        public static PlannedAction Plan(BackupJob job)
        {
            EnsureCancellable(job);
            return new PlannedAction("CancelJob", job.Id, $"Cancel backup job {job.Name} of {job.VmName}");
        }

        /// <summary>Cancels when approved; otherwise returns the WhatIf record and sends nothing.</summary>
        public Task<RepairRecord> ExecuteAsync(BackupJob job, PlannedAction action, CancellationToken ct)
            => action.Approved ? CancelAsync(job.VmName, job, ct) : Task.FromResult(action.WhatIf(job.VmName, job.Name));

        /// <summary>
        /// Cancels an in-progress job and waits (at most until <paramref name="ct"/>, the deadline) until the service has
        /// acted on it. Whatever the cancel answered, the job as ARM then shows it decides the record.
        /// </summary>
        public async Task<RepairRecord> CancelAsync(string vmId, BackupJob job, CancellationToken ct)
        {
            EnsureCancellable(job);
            var jobId = job.Id;
            var record = new RepairRecord { VmId = vmId, Action = "CancelJob", Target = jobId, JobId = job.Name };
            Exception? failure = null;
            try
            {
                var started = await _connection.Json.SendAsync("POST", jobId + "/cancel", ApiVersions.RecoveryServicesBackup, null, null, ct).ConfigureAwait(false);
                await LongRunningOperation.WaitAsync(_connection.Json, started, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is ArmAuthenticationException))
            {
                failure = ex;
            }

            string? status = null;
            using (var timeout = new CancellationTokenSource(ArmTruth.ReadTimeout))
            {
                try { status = (await GetJobAsync(jobId, timeout.Token).ConfigureAwait(false)).Status; }
                catch (Exception ex) when (!(ex is ArmAuthenticationException)) { }
            }
            var cancelling = status != null && (status.StartsWith("Cancel", StringComparison.OrdinalIgnoreCase));
            var why = failure == null ? null : failure is OperationCanceledException && ct.IsCancellationRequested ? "the deadline passed before the service confirmed" : "ARM answered " + RepairText.Short(failure);
            if (cancelling)
            {
                record.Status = RepairStatus.Done;
                record.Message = why == null ? $"Cancellation requested; the job is now {status}." : $"Cancellation requested ({why}); the job is now {status}.";
            }
            else
            {
                record.Status = RepairStatus.Failed;
                record.ErrorCode = RepairText.Code(failure) ?? "JobNotCancelled";
                record.Message = $"The service could not cancel job {job.Name}: {why ?? "the cancel was accepted"}, and the job is {status ?? "unreadable"}. Try again in a few minutes; if it keeps failing, let the job finish.";
            }
            return record;
        }
    }
}
