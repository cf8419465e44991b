using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Azure.ResourceManager.Resources.Models;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Lifts locks for a repair and puts back exactly the same ones (name, level, notes, owners, scope), with every step
    /// written to the VM's <see cref="LockJournalFile"/> first. What ARM holds decides each outcome: a failed lift is
    /// followed by a GET of the lock, a re-created lock is read back, and a lock whose PUT fails is given up only when
    /// ARM confirms its scope is gone. Restoring ignores cancellation and the deadline.
    /// </summary>
    public sealed class LockJournal
    {
        private const int RestoreAttempts = 3;
        private readonly ArmConnection _connection;

        public LockJournal(ArmConnection connection, LockJournalFile file)
        {
            _connection = connection;
            File = file;
        }

        public LockJournalFile File { get; }

        /// <summary>Pause between attempts to put a lock back.</summary>
        public TimeSpan RestoreRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Lifts a lock. A Failed record means the repair must not go on (the lock may still be there, or we cannot tell).</summary>
        public async Task<RepairRecord> RemoveAsync(string vmId, LockInfo lockInfo)
        {
            // Journal first, on disk: if the process dies mid-delete the journal still says which lock to put back,
            // and putting back a lock that still exists is a harmless PUT of the same lock. The delete is never
            // cancelled half-way (it is short and bounded by the client's network timeout).
            var definition = JournaledLock.From(lockInfo);
            File.Lifting(definition);
            Exception? failure = null;
            try
            {
                await _connection.Client.GetManagementLockResource(new ResourceIdentifier(lockInfo.Id)).DeleteAsync(WaitUntil.Completed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is ArmAuthenticationException))
            {
                failure = ex;
            }

            bool? present;
            try { present = await ArmTruth.ReadLockAsync(_connection, lockInfo.Id).ConfigureAwait(false) != null; }
            catch (Exception) { present = null; }

            if (present == false)
            {
                File.Lifted(lockInfo.Id);
                return Record(vmId, "RemoveLock", lockInfo.Id, RepairStatus.Done, null,
                    $"Lifted {definition.Describe()}{(failure == null ? "" : $" (ARM answered '{RepairText.Short(failure)}', but a read shows it gone)")}; it is put back when the repair ends.");
            }
            if (present == true)
            {
                File.NotLifted(lockInfo.Id);
                return Record(vmId, "RemoveLock", lockInfo.Id, RepairStatus.Failed, RepairText.Code(failure) ?? "LockStillInPlace",
                    failure == null
                        ? $"ARM accepted the delete of {definition.Describe()}, but a read shows it still in place; nothing was changed."
                        : $"Could not lift {definition.Describe()}: {RepairText.Short(failure)}. ARM shows it still in place; nothing to put back.");
            }
            return Record(vmId, "RemoveLock", lockInfo.Id, RepairStatus.Failed, RepairText.Code(failure) ?? "LockStateUnknown",
                $"Could not tell whether {definition.Describe()} was lifted ({(failure == null ? "the confirming read failed" : RepairText.Short(failure))}); it stays in the journal and is put back.");
        }

        /// <summary>
        /// Puts back every pending lock of the journal, newest lift first, reporting each as it completes. Never throws.
        /// A lock whose scope the repair deleted (and ARM confirms gone) is not re-created and is reported as such.
        /// </summary>
        public async Task<List<RepairRecord>> RestoreAllAsync(string vmId, IReadOnlyCollection<string> confirmedDeleted, Action<RepairRecord> report, string? note = null)
        {
            var records = new List<RepairRecord>();
            foreach (var pending in Enumerable.Reverse(File.Pending).ToList())
            {
                var record = await RestoreAsync(vmId, pending, confirmedDeleted, note).ConfigureAwait(false);
                records.Add(record);
                report(record);
            }
            return records;
        }

        private async Task<RepairRecord> RestoreAsync(string vmId, JournaledLock lockInfo, IReadOnlyCollection<string> confirmedDeleted, string? note)
        {
            var prefix = note == null ? "" : note + " ";
            if (confirmedDeleted.Any(id => ArmIds.Same(id, lockInfo.Scope)))
            {
                File.ScopeGone(lockInfo.Id);
                return Record(vmId, "RestoreLock", lockInfo.Id, RepairStatus.Skipped, null,
                    $"{prefix}{lockInfo.Describe()} went with its collection, which the repair deleted (ARM confirms it is gone); there is nothing to put it back on.");
            }

            Exception? last = null;
            for (var attempt = 1; attempt <= RestoreAttempts; attempt++)
            {
                if (attempt > 1) await Task.Delay(RestoreRetryDelay).ConfigureAwait(false);
                try
                {
                    var existing = await ArmTruth.ReadLockAsync(_connection, lockInfo.Id).ConfigureAwait(false);
                    if (existing == null)
                    {
                        var scope = ScopeResource(lockInfo.Scope);
                        await scope.GetManagementLocks().CreateOrUpdateAsync(WaitUntil.Completed, lockInfo.Name, ToData(lockInfo), CancellationToken.None).ConfigureAwait(false);
                        existing = await ArmTruth.ReadLockAsync(_connection, lockInfo.Id).ConfigureAwait(false);
                        if (existing == null) throw new InvalidOperationException("ARM accepted the lock but a read does not show it");
                    }
                    var level = existing.Value.Str("properties.level");
                    File.Restored(lockInfo.Id);
                    var same = string.Equals(level, lockInfo.Level, StringComparison.OrdinalIgnoreCase);
                    return Record(vmId, "RestoreLock", lockInfo.Id, RepairStatus.Done, null,
                        $"{prefix}Put back {lockInfo.Describe()}" + (same ? "." : $"; ARM now shows it as {level} (someone changed it meanwhile)."));
                }
                catch (Exception ex) when (!(ex is ArmAuthenticationException))
                {
                    last = ex;
                    // Another repair (or the user) may have deleted the scope meanwhile: then there is nothing to put back.
                    if (await ArmTruth.ExistsAsync(_connection, lockInfo.Scope).ConfigureAwait(false) == false)
                    {
                        File.ScopeGone(lockInfo.Id);
                        return Record(vmId, "RestoreLock", lockInfo.Id, RepairStatus.Skipped, null,
                            $"{prefix}{lockInfo.Describe()} was not put back: ARM confirms {lockInfo.Scope} no longer exists.");
                    }
                }
            }
            return Record(vmId, "RestoreLock", lockInfo.Id, RepairStatus.Failed, RepairText.Code(last),
                $"{prefix}Could NOT put back {lockInfo.Describe()}: {RepairText.Short(last)}. It stays in the journal {File.Path}; " +
                $"run Restore-AzBackupLock -ResourceId '{vmId}' (CLI: azbt repair resume --vm '{vmId}') to put it back.");
        }

        private static RepairRecord Record(string vmId, string action, string target, RepairStatus status, string? code, string message)
            => new RepairRecord { VmId = vmId, Action = action, Target = target, Status = status, ErrorCode = code, Message = message };

        private ArmResource ScopeResource(string scopeId)
        {
            var id = new ResourceIdentifier(scopeId);
            if (ArmIds.ResourceGroupOf(scopeId) == null) return _connection.Client.GetSubscriptionResource(id);
            if (id.ResourceType == ResourceGroupResource.ResourceType) return _connection.Client.GetResourceGroupResource(id);
            return _connection.Client.GetGenericResource(id);
        }

        private static ManagementLockData ToData(JournaledLock lockInfo)
        {
            var data = new ManagementLockData(new ManagementLockLevel(lockInfo.Level)) { Notes = lockInfo.Notes };
            foreach (var owner in lockInfo.Owners)
                data.Owners.Add(new ManagementLockOwner { ApplicationId = owner });
            return data;
        }
    }
}
