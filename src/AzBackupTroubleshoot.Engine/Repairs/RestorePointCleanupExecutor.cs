using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;
using Azure.ResourceManager.Compute;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Carries out an approved <see cref="RestorePointCleanupPlan"/>: lifts the locks in the way, deletes, and always
    /// puts the locks back (finally), then optionally starts a backup. Unapproved actions become WhatIf records and
    /// send nothing.
    /// </summary>
    public sealed class RestorePointCleanupExecutor
    {
        private readonly ArmConnection _connection;

        public RestorePointCleanupExecutor(ArmConnection connection) => _connection = connection;

        public ResilientDelete Delete { get; } = new ResilientDelete();

        public async Task<List<RepairRecord>> ExecuteAsync(RestorePointCleanupPlan plan, DateTimeOffset retainUntil, CancellationToken ct)
        {
            var vmId = plan.Vm.VmId;
            var records = new List<RepairRecord>();
            if (plan.NothingToDo)
            {
                records.Add(RepairRecord.NothingToDo(vmId, $"{plan.Vm.Name} has no Azure Backup restore points to clean up."));
                return records;
            }
            foreach (var a in plan.Actions.Where(a => !a.Approved))
                records.Add(a.WhatIf(vmId));

            var deletions = plan.Actions.Where(a => a.Approved && a.Action != "TriggerBackup").ToList();
            var deletionsFailed = false;
            if (deletions.Count > 0)
            {
                var journal = new LockJournal(_connection.Client);
                try
                {
                    foreach (var lockInfo in Distinct(deletions.SelectMany(d => d.LocksToLift)))
                        records.Add(await journal.RemoveAsync(vmId, lockInfo, ct).ConfigureAwait(false));
                    foreach (var deletion in deletions)
                    {
                        if (deletionsFailed)
                        {
                            records.Add(new RepairRecord { VmId = vmId, Action = deletion.Action, Target = deletion.Target, Status = RepairStatus.Skipped, Message = "Not attempted: an earlier step failed." });
                            continue;
                        }
                        var record = await DeleteAsync(vmId, deletion, ct).ConfigureAwait(false);
                        deletionsFailed = record.Status == RepairStatus.Failed;
                        records.Add(record);
                    }
                }
                catch (RequestFailedException ex)
                {
                    deletionsFailed = true;
                    records.Add(new RepairRecord { VmId = vmId, Action = "RemoveLock", Target = vmId, Status = RepairStatus.Failed, ErrorCode = ex.ErrorCode, Message = "Could not lift a lock: " + ex.Message });
                }
                finally
                {
                    var deleted = records.Where(r => r.Status == RepairStatus.Done && r.Action.StartsWith("Delete", StringComparison.Ordinal)).Select(r => r.Target).ToList();
                    records.AddRange(await journal.RestoreAllAsync(vmId, deleted).ConfigureAwait(false));
                }
            }

            var trigger = plan.Actions.FirstOrDefault(a => a.Approved && a.Action == "TriggerBackup");
            if (trigger != null)
            {
                if (deletionsFailed)
                    records.Add(new RepairRecord { VmId = vmId, Action = trigger.Action, Target = trigger.Target, Status = RepairStatus.Skipped, Message = "No backup started: the cleanup did not finish." });
                else
                    records.Add(await TriggerAsync(vmId, trigger.Target, retainUntil, ct).ConfigureAwait(false));
            }
            return records;
        }

        private async Task<RepairRecord> DeleteAsync(string vmId, PlannedAction deletion, CancellationToken ct)
        {
            var id = new ResourceIdentifier(deletion.Target);
            try
            {
                var attempts = await Delete.RunAsync(token => deletion.Action == "DeleteRestorePoint"
                    ? _connection.Client.GetRestorePointResource(id).DeleteAsync(WaitUntil.Completed, token)
                    : _connection.Client.GetRestorePointGroupResource(id).DeleteAsync(WaitUntil.Completed, token), ct).ConfigureAwait(false);
                var note = attempts == 0 ? "it was already gone" : attempts > 1 ? $"succeeded on attempt {attempts}" : "done";
                return new RepairRecord { VmId = vmId, Action = deletion.Action, Target = deletion.Target, Status = RepairStatus.Done, Message = $"{deletion.Description}: {note}." };
            }
            catch (RequestFailedException ex)
            {
                var hint = ex.Status == 409 && ex.ErrorCode == "ScopeLocked" ? " A lock blocks it: run with -RemoveLock." : "";
                return new RepairRecord { VmId = vmId, Action = deletion.Action, Target = deletion.Target, Status = RepairStatus.Failed, ErrorCode = ex.ErrorCode, Message = $"{deletion.Description} failed: {FirstLine(ex.Message)}{hint}" };
            }
        }

        private async Task<RepairRecord> TriggerAsync(string vmId, string protectedItemId, DateTimeOffset retainUntil, CancellationToken ct)
        {
            try
            {
                return await new BackupTrigger(_connection).StartAsync(vmId, protectedItemId, retainUntil, ct).ConfigureAwait(false);
            }
            catch (ArmRequestFailedException ex)
            {
                return new RepairRecord { VmId = vmId, Action = "TriggerBackup", Target = protectedItemId, Status = RepairStatus.Failed, ErrorCode = ex.ErrorCode, Message = "Could not start the backup: " + ex.Message };
            }
        }

        private static IEnumerable<LockInfo> Distinct(IEnumerable<LockInfo> locks)
            => locks.GroupBy(l => l.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First());

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }
}
