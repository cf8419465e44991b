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
        public override string Title => "No lock on the VM's resource group blocks backup";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.AzureBackupRgLocked", "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "locks" };

        private const string RemoveFix =
            "Remove the lock (portal: the resource group or subscription > Locks > Delete; needs Owner or User Access Administrator). "
            + "If a lock is required, put it on the individual resources that need it rather than on the VM's resource group, then retry the backup.";

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Locks) is CheckOutcome skipped) return skipped;
            var locks = vm.Locks.Where(l => l.Covers(vm.VmId)).ToList();
            if (locks.Count == 0)
                return CheckOutcome.Pass($"No lock applies to the VM, its resource group '{vm.ResourceGroup}' or the subscription.");

            var evidence = LockDescription.AsEvidence(locks);
            var readOnly = locks.Where(LockDescription.IsReadOnly).ToList();
            if (readOnly.Count > 0)
                return CheckOutcome.Fail(
                    $"The VM is under a ReadOnly lock: {string.Join(", ", readOnly.Select(LockDescription.Describe))}. It blocks every write on the VM, so backup cannot install or update its extension, and the VM cannot even be started or restarted.",
                    RemoveFix, evidence);

            var vmGroup = ArmIds.ResourceGroupId(vm.SubscriptionId, vm.ResourceGroup);
            var rpcInVmGroup = vm.RestorePointCollections.Where(c => ArmIds.Same(ArmIds.ResourceGroupId(vm.SubscriptionId, ArmIds.ResourceGroupOf(c.Id()) ?? ""), vmGroup)).ToList();
            if (rpcInVmGroup.Count > 0)
                return CheckOutcome.Fail(
                    $"The VM's resource group '{vm.ResourceGroup}' holds its restore point collection(s) ({string.Join(", ", rpcInVmGroup.Select(c => ArmIds.NameOf(c.Id())))}) and is locked: {string.Join(", ", locks.Select(LockDescription.Describe))}. Backup cannot delete expired restore points there, and new backups fail once 18 are kept.",
                    RemoveFix + " Then start an on-demand backup so the service cleans up old restore points.", evidence);

            return CheckOutcome.Warning(
                $"A delete lock applies to the VM: {string.Join(", ", locks.Select(LockDescription.Describe))}. The backup support matrix does not support locks on a protected VM's resource group, and a lock that reaches the restore-point group blocks cleanup.",
                RemoveFix, evidence);
        }
    }
}
