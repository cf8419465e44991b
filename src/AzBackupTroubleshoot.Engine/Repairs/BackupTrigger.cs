using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

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
            if (vm.IsUnavailable(InventoryParts.Vaults, out var reason))
                throw new RepairRefusedException("RepairSafetyDataUnreadable", $"Nothing was changed: the vaults protecting {vm.Name} could not be read ({reason}).");
            var protectedItem = vm.Protection.Select(p => p.ProtectedItem.Id()).FirstOrDefault()
                ?? throw new RepairRefusedException("VmNotProtected", $"No Recovery Services vault protects {vm.Name}; configure backup first.");
            return new PlannedAction("TriggerBackup", protectedItem, $"Start an on-demand backup of {vm.Name}, kept until {retainUntil.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        /// <summary>Runs a planned backup when approved; otherwise returns its WhatIf record and sends nothing.</summary>
        public Task<RepairRecord> ExecuteAsync(string vmId, PlannedAction action, DateTimeOffset retainUntil, CancellationToken ct)
            => action.Approved ? StartAsync(vmId, action.Target, retainUntil, ct) : Task.FromResult(action.WhatIf(vmId));

        /// <summary>
        /// Starts the backup and follows its operation until <paramref name="ct"/> (the deadline) ends the wait. When the
        /// answer is an error or lost, the vault's job list decides whether a backup was started after all.
        /// </summary>
        public async Task<RepairRecord> StartAsync(string vmId, string protectedItemId, DateTimeOffset retainUntil, CancellationToken ct)
        {
            var body = new
            {
                properties = new
                {
                    objectType = "IaasVMBackupRequest",
                    recoveryPointExpiryTimeInUTC = retainUntil.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                },
            };
            var record = new RepairRecord { VmId = vmId, Action = "TriggerBackup", Target = protectedItemId };
            var sent = DateTimeOffset.UtcNow;
            Exception? failure;
            try
            {
                var started = await _connection.Json.SendAsync("POST", protectedItemId + "/backup", ApiVersions.RecoveryServicesBackup, body, null, ct).ConfigureAwait(false);
                var finished = await LongRunningOperation.WaitAsync(_connection.Json, started, ct).ConfigureAwait(false);
                // The operation status names the job (OperationStatusJobExtendedInfo.jobId).
                record.JobId = finished.Body.Str("properties.jobId");
                record.Status = RepairStatus.Done;
                record.Message = record.JobId == null ? "Started an on-demand backup." : $"Started an on-demand backup: job {record.JobId}.";
                return record;
            }
            catch (Exception ex) when (!(ex is ArmAuthenticationException))
            {
                failure = ex;
            }

            var why = failure is OperationCanceledException && ct.IsCancellationRequested ? "the repair's deadline passed (or it was cancelled) before the operation finished" : "ARM answered " + RepairText.Short(failure);
            var job = await FindJobStartedSinceAsync(protectedItemId, sent).ConfigureAwait(false);
            if (job != null)
            {
                record.Status = RepairStatus.Done;
                record.JobId = job;
                record.Message = $"Started an on-demand backup: job {job} ({why}, but the vault shows the job).";
            }
            else
            {
                record.Status = RepairStatus.Failed;
                record.ErrorCode = RepairText.Code(failure) ?? "BackupNotStarted";
                record.Message = $"Could not start the backup: {why}; the vault shows no new backup job for it.";
            }
            return record;
        }

        /// <summary>A backup job of the item's VM that started at or after <paramref name="since"/>, from the vault's job list; null when none or unreadable.</summary>
        private async Task<string?> FindJobStartedSinceAsync(string protectedItemId, DateTimeOffset since)
        {
            var marker = protectedItemId.IndexOf("/backupFabrics/", StringComparison.OrdinalIgnoreCase);
            if (marker < 0) return null;
            var vaultId = protectedItemId.Substring(0, marker);
            var vmName = ArmIds.NameOf(protectedItemId).Split(';').Last();
            const string format = "yyyy-MM-dd hh:mm:ss tt";
            var filter = $"operation eq 'Backup' and startTime eq '{since.UtcDateTime.AddMinutes(-1).ToString(format, CultureInfo.InvariantCulture)}' and endTime eq '{DateTime.UtcNow.AddMinutes(5).ToString(format, CultureInfo.InvariantCulture)}'";
            using var timeout = new CancellationTokenSource(ArmTruth.ReadTimeout);
            try
            {
                await foreach (var j in _connection.Json.ListAsync(vaultId + "/backupJobs", ApiVersions.RecoveryServicesBackup, "$filter=" + Uri.EscapeDataString(filter), timeout.Token).ConfigureAwait(false))
                {
                    if (string.Equals(j.Str("properties.entityFriendlyName"), vmName, StringComparison.OrdinalIgnoreCase)
                        && DateTimeOffset.TryParse(j.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t >= since.AddSeconds(-5))
                        return j.Str("name");
                }
                return null;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
