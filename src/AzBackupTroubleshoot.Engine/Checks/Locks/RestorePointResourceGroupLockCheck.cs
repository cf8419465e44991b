using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Locks
{
    /// <summary>
    /// Azure Backup keeps a VM's instant-restore snapshots in a group of its own (AzureBackupRG_&lt;region&gt;_&lt;n&gt;) and
    /// deletes expired ones there. Any lock on that group (or inherited from the subscription) stops the cleanup; once 18
    /// restore points pile up, every backup fails.
    /// </summary>
    public sealed class RestorePointResourceGroupLockCheck : ReadinessCheck
    {
        public override string Id => "Lock.RestorePointResourceGroup";
        public override string Title => "Restore-point resource group is not locked";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.AzureBackupRgLocked", "UserErrorRpCollectionLimitReached", "BackUpOperationFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "locks", "restore-points" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Locks) is CheckOutcome skipped) return skipped;
            var groups = vm.RestorePointResourceGroups;
            if (groups.Count == 0 && !vm.IsProtected)
                return CheckOutcome.Skipped("The VM is not protected and has no restore point collection, so there is no restore-point resource group to look at.");

            // A subscription lock reaches the group even before Backup has created it.
            var locks = vm.Locks.Where(l => l.IsOnSubscription || groups.Any(g => l.Covers(g))).ToList();
            var groupNames = groups.Count == 0 ? "(not created yet)" : string.Join(", ", groups.Select(ArmIds.NameOf));
            if (locks.Count == 0)
                return CheckOutcome.Pass($"No lock applies to the restore-point resource group(s) {groupNames}.",
                    groups.Select(g => new Evidence(g, "providers/Microsoft.Authorization/locks", "[]")).ToArray());

            return CheckOutcome.Fail(
                $"The restore-point resource group(s) {groupNames} are locked: {string.Join(", ", locks.Select(LockDescription.Describe))}. Azure Backup cannot delete expired restore points, and backups fail once the VM has 18.",
                "Remove the lock(s) (needs Owner or User Access Administrator) and do not lock this group again; then start an on-demand backup, which triggers the cleanup (that first backup may still fail; the cleanup can take a few hours). Repair-AzRestorePointCollection does these steps.",
                LockDescription.AsEvidence(locks));
        }
    }
}
