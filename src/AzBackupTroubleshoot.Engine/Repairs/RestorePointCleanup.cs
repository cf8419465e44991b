using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>What the user asked Repair-AzRestorePointCollection to do.</summary>
    public sealed class RestorePointCleanupOptions
    {
        /// <summary>Lift locks that block the cleanup, and put them back afterwards.</summary>
        public bool RemoveLock { get; set; }

        /// <summary>Delete only the oldest restore points so that at most this many remain; null deletes whole collections.</summary>
        public int? KeepLatest { get; set; }

        /// <summary>Start an on-demand backup afterwards (Azure Backup then cleans up on its own schedule).</summary>
        public bool StartBackup { get; set; }

        /// <summary>Retention of that on-demand backup; default 30 days.</summary>
        public DateTimeOffset? RetainUntil { get; set; }
    }

    /// <summary>The planned cleanup of one VM: pure data, computed from the inventory with no write.</summary>
    public sealed class RestorePointCleanupPlan
    {
        public RestorePointCleanupPlan(VmInventory vm, IReadOnlyList<PlannedAction> actions, string? protectedItemId, IReadOnlyList<RepairRecord>? leftAlone = null)
        {
            Vm = vm;
            Actions = actions;
            ProtectedItemId = protectedItemId;
            LeftAlone = leftAlone ?? Array.Empty<RepairRecord>();
        }

        public VmInventory Vm { get; }
        public IReadOnlyList<PlannedAction> Actions { get; }

        /// <summary>Collections (and restore points) the plan will not touch, each with the reason: reported, never deleted.</summary>
        public IReadOnlyList<RepairRecord> LeftAlone { get; }
        public string? ProtectedItemId { get; }
        public bool NothingToDo => Actions.Count == 0;
    }

    /// <summary>Plans Repair-AzRestorePointCollection for a VM. Refuses (throws <see cref="RepairRefusedException"/>) when it must not go ahead.</summary>
    public static class RestorePointCleanupPlanner
    {
        public static RestorePointCleanupPlan Plan(VmInventory vm, RestorePointCleanupOptions options)
        {
            if (options.KeepLatest is int keep && keep < 0) throw new ArgumentException("KeepLatest must be 0 or more.");
            RefuseOnMissingData(vm);
            var leftAlone = new List<RepairRecord>();
            var collections = new List<JsonElement>();
            foreach (var c in vm.RestorePointCollections)
            {
                var ownership = AzureBackupOwnership.Judge(vm, c);
                if (ownership.IsAzureBackups) collections.Add(c);
                else leftAlone.Add(LeftAloneRecord(vm, c.Id(), "Not Azure Backup's, left alone: " + ownership.Reason + "."));
            }
            var targets = options.KeepLatest is int n ? OldestPoints(vm, collections, n, leftAlone) : collections.Select(c => (Id: c.Id(), Kind: "DeleteRestorePointCollection")).ToList();

            var blocking = vm.Locks.Where(l => IsBlocking(l) && targets.Any(t => l.Covers(t.Id))).ToList();
            if (blocking.Count > 0 && !options.RemoveLock)
                throw new RepairRefusedException("RestorePointCleanupBlockedByLock",
                    $"{blocking.Count} lock(s) stop the cleanup: {string.Join("; ", blocking.Select(l => $"'{l.Name}' ({l.Level}) on {l.Scope}"))}. " +
                    $"Run again with -RemoveLock (CLI: --remove-lock) to lift them for the cleanup and put them back afterwards: Repair-AzRestorePointCollection -ResourceId '{vm.VmId}' -RemoveLock");

            var actions = targets.Select(t => new PlannedAction(t.Kind, t.Id, Describe(t.Kind, t.Id, blocking.Where(l => l.Covers(t.Id)).ToList()),
                blocking.Where(l => l.Covers(t.Id)).ToList())).ToList();

            var protectedItem = vm.Protection.Select(p => p.ProtectedItem.Id()).FirstOrDefault();
            if (options.StartBackup)
            {
                if (protectedItem == null)
                    throw new RepairRefusedException("VmNotProtected", $"No Recovery Services vault protects {vm.Name}, so no on-demand backup can be started. Configure backup first.");
                actions.Add(new PlannedAction("TriggerBackup", protectedItem, $"Start an on-demand backup of {vm.Name}"));
            }
            return new RestorePointCleanupPlan(vm, actions, protectedItem, leftAlone);
        }

        /// <summary>
        /// Fails closed: what decides ownership and lock safety must have been read. Without the collection list a
        /// cleanup would read as "nothing to do"; without locks it could not lift or restore them; without the vaults the
        /// policy's custom group name is unknown.
        /// </summary>
        private static void RefuseOnMissingData(VmInventory vm)
        {
            if (!vm.Exists) throw new RepairRefusedException("VirtualMachineNotFound", $"The virtual machine {vm.VmId} does not exist.", Errors.FailureKind.NotFound);
            foreach (var (part, what) in new[] { (InventoryParts.RestorePoints, "its restore point collections"), (InventoryParts.Locks, "the locks"), (InventoryParts.Vaults, "its vaults and backup policies") })
                if (vm.IsUnavailable(part, out var reason))
                    throw new RepairRefusedException("RepairSafetyDataUnreadable", $"Nothing was changed: {what} of {vm.Name} could not be read ({reason}), and the cleanup needs them to decide safely.");
        }

        private static RepairRecord LeftAloneRecord(VmInventory vm, string id, string message)
            => new RepairRecord { VmId = vm.VmId, Action = "LeaveAlone", Target = id, Status = RepairStatus.Skipped, Message = message };

        private static bool IsBlocking(LockInfo l)
            => string.Equals(l.Level, "CanNotDelete", StringComparison.OrdinalIgnoreCase) || string.Equals(l.Level, "ReadOnly", StringComparison.OrdinalIgnoreCase);

        /// <summary>The restore points beyond the newest <paramref name="keep"/>, oldest first, across all of the VM's backup collections.</summary>
        /// <remarks>
        /// A point whose creation time is unknown is never deleted (it might be the newest), and the newest
        /// <paramref name="keep"/> points of known time are always kept, so at least that many remain whatever the unknown ones are.
        /// </remarks>
        private static List<(string Id, string Kind)> OldestPoints(VmInventory vm, List<JsonElement> collections, int keep, List<RepairRecord> leftAlone)
        {
            if (collections.Any(c => c.At("properties.restorePoints") == null))
                throw new RepairRefusedException("RestorePointsUnknown", $"The restore points of {vm.Name}'s collections could not be read, so the oldest cannot be chosen. Try again, or delete whole collections without -KeepLatest.");
            var known = new List<(JsonElement Point, DateTimeOffset Created)>();
            foreach (var p in collections.SelectMany(c => c.Array("properties.restorePoints")))
            {
                if (DateTimeOffset.TryParse(p.Str("properties.timeCreated"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                    known.Add((p, t));
                else
                    leftAlone.Add(LeftAloneRecord(vm, p.Id(), "Kept: its creation time is unknown, so it might be the newest."));
            }
            var oldestFirst = known.OrderBy(k => k.Created).ToList();
            return oldestFirst.Take(Math.Max(0, oldestFirst.Count - keep)).Select(k => (k.Point.Id(), "DeleteRestorePoint")).ToList();
        }

        private static string Describe(string kind, string id, List<LockInfo> locks)
        {
            var what = kind == "DeleteRestorePoint" ? "Delete restore point" : "Delete restore point collection (and all its restore points)";
            var lift = locks.Count == 0 ? "" : $", lifting {string.Join(", ", locks.Select(l => $"lock '{l.Name}' on {l.Scope}"))} and putting it back afterwards";
            return $"{what} {ArmIds.NameOf(id)}{lift}";
        }
    }
}
