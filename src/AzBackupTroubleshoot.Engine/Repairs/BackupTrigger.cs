using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>Starts an on-demand backup of a protected item (Backups_Trigger) and returns the job it created.</summary>
    public sealed class BackupTrigger
    {
        private readonly ArmConnection _connection;

        public BackupTrigger(ArmConnection connection) => _connection = connection;

        public async Task<RepairRecord> StartAsync(string vmId, string protectedItemId, DateTimeOffset retainUntil, CancellationToken ct)
        {
            var body = new
            {
                properties = new
                {
                    objectType = "IaasVMBackupRequest",
                    recoveryPointExpiryTimeInUTC = retainUntil.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            var started = await _connection.Json.SendAsync("POST", protectedItemId + "/backup", ApiVersions.RecoveryServicesBackup, body, null, ct).ConfigureAwait(false);
            var finished = await LongRunningOperation.WaitAsync(_connection.Json, started, ct).ConfigureAwait(false);
            // The operation status names the job (OperationStatusJobExtendedInfo.jobId).
            var jobId = finished.Body.Str("properties.jobId");
            return new RepairRecord
            {
                VmId = vmId, Action = "TriggerBackup", Target = protectedItemId, Status = RepairStatus.Done, JobId = jobId,
                Message = jobId == null ? "Started an on-demand backup." : $"Started an on-demand backup: job {jobId}.",
            };
        }
    }
}
