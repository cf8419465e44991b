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
        public override int Order => 140;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Locks, InventoryParts.RestorePoints, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.AzureBackupRgLocked", "UserErrorRpCollectionLimitReached", "BackUpOperationFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "locks", "restore-points" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Locks) is CheckOutcome skipped) return skipped;
            var groups = vm.RestorePointResourceGroups;
            if (groups.Count == 0 && !vm.IsProtected)
                return CheckOutcome.Skipped(Text("notProtected"));

            // A subscription lock reaches the group even before Backup has created it.
            var locks = vm.Locks.Where(l => l.IsOnSubscription || groups.Any(g => l.Covers(g)) || vm.RestorePointCollections.Any(c => l.Covers(c.Id()))).ToList();
            var groupNames = groups.Count == 0 ? Text("notCreatedYet") : (object)string.Join(", ", groups.Select(ArmIds.NameOf));
            if (locks.Count == 0)
                return CheckOutcome.Pass(Text("pass", ("groups", groupNames)),
                    groups.Select(g => new Evidence(g, "providers/Microsoft.Authorization/locks", "[]")).ToArray());

            return CheckOutcome.Fail(
                Text("fail", ("groups", groupNames), ("locks", LockDescription.DescribeAll(locks))),
                Text("fix"),
                LockDescription.AsEvidence(locks));
        }
    }
}
