using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Locks
{
    /// <summary>
    /// Locks on the VM, its resource group or the subscription. ReadOnly blocks the writes backup makes on the VM
    /// (installing or updating its extension) and even start/restart. CanNotDelete blocks the cleanup of old restore
    /// points when they live in the VM's own group (older setups); otherwise it is a warning, as the support matrix
    /// discourages locks on protected VMs' groups.
    /// </summary>
    public sealed class VmResourceGroupLockCheck : ReadinessCheck
    {
        public override string Id => "Lock.VmResourceGroup";
        public override int Order => 130;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Locks, InventoryParts.RestorePoints };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.AzureBackupRgLocked", "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "locks" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Locks) is CheckOutcome skipped) return skipped;
            var locks = vm.Locks.Where(l => l.Covers(vm.VmId)).ToList();
            if (locks.Count == 0)
                return CheckOutcome.Pass(Text("pass", ("group", vm.ResourceGroup)));

            var evidence = LockDescription.AsEvidence(locks);
            var readOnly = locks.Where(LockDescription.IsReadOnly).ToList();
            if (readOnly.Count > 0)
                return CheckOutcome.Fail(
                    Text("readOnly", ("locks", LockDescription.DescribeAll(readOnly))),
                    Text("fix"), evidence);

            var vmGroup = ArmIds.ResourceGroupId(vm.SubscriptionId, vm.ResourceGroup);
            var rpcInVmGroup = vm.RestorePointCollections.Where(c => ArmIds.Same(ArmIds.ResourceGroupId(vm.SubscriptionId, ArmIds.ResourceGroupOf(c.Id()) ?? ""), vmGroup)).ToList();
            if (rpcInVmGroup.Count > 0)
                return CheckOutcome.Fail(
                    Text("restorePointsInGroup", ("group", vm.ResourceGroup), ("collections", string.Join(", ", rpcInVmGroup.Select(c => ArmIds.NameOf(c.Id())))),
                        ("locks", LockDescription.DescribeAll(locks))),
                    Text("fixCleanup"), evidence);

            return CheckOutcome.Warning(
                Text("deleteLock", ("locks", LockDescription.DescribeAll(locks))),
                Text("fix"), evidence);
        }
    }
}
