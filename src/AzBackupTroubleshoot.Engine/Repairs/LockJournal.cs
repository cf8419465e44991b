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
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Removes locks for the duration of a repair and puts back exactly the same ones (name, level, notes, owners,
    /// scope). Callers restore in a finally block; restoring ignores cancellation, so Ctrl+C cannot leave a lock off.
    /// </summary>
    public sealed class LockJournal
    {
        private const int RestoreAttempts = 3;
        private readonly ArmClient _client;
        private readonly List<LockInfo> _removed = new();

        public LockJournal(ArmClient client) => _client = client;

        public IReadOnlyList<LockInfo> Removed => _removed;

        public async Task<RepairRecord> RemoveAsync(string vmId, LockInfo lockInfo, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            // Journal first: if the connection drops mid-delete we cannot know whether it happened, and putting back a
            // lock that still exists is a harmless PUT of the same lock. The delete itself is never cancelled half-way
            // (it is short), so Ctrl+C cannot leave us unsure either.
            _removed.Add(lockInfo);
            try
            {
                await _client.GetManagementLockResource(new ResourceIdentifier(lockInfo.Id)).DeleteAsync(WaitUntil.Completed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status != 0)
            {
                _removed.Remove(lockInfo); // ARM answered with an error: the lock is still there, nothing to put back
                throw;
            }
            return new RepairRecord
            {
                VmId = vmId, Action = "RemoveLock", Target = lockInfo.Id, Status = RepairStatus.Done,
                Message = $"Lifted {lockInfo.Level} lock '{lockInfo.Name}' on {lockInfo.Scope}; it is put back when the repair ends.",
            };
        }

        /// <summary>
        /// Re-creates every removed lock, newest removal first. Never throws: a lock that cannot be put back is a Failed
        /// record naming it fully. A lock that sat on a resource the repair deleted went with it and is not put back.
        /// </summary>
        public async Task<List<RepairRecord>> RestoreAllAsync(string vmId, IReadOnlyCollection<string>? deletedResourceIds = null)
        {
            var records = new List<RepairRecord>();
            foreach (var lockInfo in Enumerable.Reverse(_removed).ToList())
            {
                if (deletedResourceIds != null && deletedResourceIds.Any(id => ArmIds.Same(id, lockInfo.Scope)))
                {
                    records.Add(new RepairRecord
                    {
                        VmId = vmId, Action = "RestoreLock", Target = lockInfo.Id, Status = RepairStatus.Skipped,
                        Message = $"Lock '{lockInfo.Name}' sat on {lockInfo.Scope}, which the repair deleted; there is nothing to put it back on.",
                    });
                    continue;
                }
                Exception? last = null;
                for (var attempt = 1; attempt <= RestoreAttempts && !Restored(records, lockInfo); attempt++)
                {
                    try
                    {
                        var scope = ScopeResource(lockInfo.Scope);
                        await scope.GetManagementLocks().CreateOrUpdateAsync(WaitUntil.Completed, lockInfo.Name, ToData(lockInfo), CancellationToken.None).ConfigureAwait(false);
                        records.Add(new RepairRecord
                        {
                            VmId = vmId, Action = "RestoreLock", Target = lockInfo.Id, Status = RepairStatus.Done,
                            Message = $"Put back {lockInfo.Level} lock '{lockInfo.Name}' on {lockInfo.Scope}.",
                        });
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                    }
                }
                if (!Restored(records, lockInfo))
                {
                    records.Add(new RepairRecord
                    {
                        VmId = vmId, Action = "RestoreLock", Target = lockInfo.Id, Status = RepairStatus.Failed,
                        ErrorCode = (last as RequestFailedException)?.ErrorCode,
                        Message = $"Could NOT put back lock '{lockInfo.Name}' (level {lockInfo.Level}, notes '{lockInfo.Notes}') on {lockInfo.Scope}: {last?.Message}. Re-create it by hand now.",
                    });
                }
            }
            _removed.Clear();
            return records;
        }

        private static bool Restored(List<RepairRecord> records, LockInfo lockInfo)
            => records.Any(r => r.Status == RepairStatus.Done && ArmIds.Same(r.Target, lockInfo.Id));

        private ArmResource ScopeResource(string scopeId)
        {
            var id = new ResourceIdentifier(scopeId);
            if (ArmIds.ResourceGroupOf(scopeId) == null) return _client.GetSubscriptionResource(id);
            if (id.ResourceType == ResourceGroupResource.ResourceType) return _client.GetResourceGroupResource(id);
            return _client.GetGenericResource(id);
        }

        private static ManagementLockData ToData(LockInfo lockInfo)
        {
            var data = new ManagementLockData(new ManagementLockLevel(lockInfo.Level)) { Notes = lockInfo.Notes };
            foreach (var owner in lockInfo.Json.Array("properties.owners"))
                data.Owners.Add(new ManagementLockOwner { ApplicationId = owner.Str("applicationId") });
            return data;
        }
    }
}
