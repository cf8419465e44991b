using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;
using System.Linq;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>Starts an on-demand backup of a protected item (Backups_Trigger) and returns the job it created.</summary>
    public sealed class BackupTrigger
    {
        private readonly ArmConnection _connection;

        public BackupTrigger(ArmConnection connection) => _connection = connection;

        /// <summary>Plans an on-demand backup of a VM; refuses when no vault protects it.</summary>
        public static PlannedAction Plan(VmInventory vm, DateTimeOffset retainUntil)
        {
            var protectedItem = vm.Protection.Select(p => p.ProtectedItem.Id()).FirstOrDefault()
                ?? throw new RepairRefusedException("VmNotProtected", $"No Recovery Services vault protects {vm.Name}; configure backup first.");
            return new PlannedAction("TriggerBackup", protectedItem, $"Start an on-demand backup of {vm.Name}, kept until {retainUntil.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        /// <summary>Runs a planned backup when approved; otherwise returns its WhatIf record and sends nothing.</summary>
        public Task<RepairRecord> ExecuteAsync(string vmId, PlannedAction action, DateTimeOffset retainUntil, CancellationToken ct)
            => action.Approved ? StartAsync(vmId, action.Target, retainUntil, ct) : Task.FromResult(action.WhatIf(vmId));

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
