using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vault
{
    /// <summary>
    /// A vault whose protected VM was deleted keeps running the policy's backups against it, and each one fails.
    /// This check looks at VMs only a vault remembers (the inventory has no VM model for them).
    /// </summary>
    public sealed class ProtectedVmExistsCheck : ReadinessCheck
    {
        public override string Id => "Vault.ProtectedVmExists";
        public override int Order => 10;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "320001", "400094", "NoCode.AzureVmNotFound" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };
        public override bool AppliesToMissingVm => true;

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (vm.Exists)
                return vm.IsProtected
                    ? CheckOutcome.Pass(Text("pass", ("vault", vm.Protection[0].VaultName)), new Evidence(vm.VmId, "id", vm.VmId))
                    : CheckOutcome.Skipped(Text("notProtected"));

            var evidence = vm.Protection.Select(p => new Evidence(p.ProtectedItem.Id(), "properties.sourceResourceId", p.ProtectedItem.Str("properties.sourceResourceId") ?? p.ProtectedItem.Str("properties.virtualMachineId"))).ToList();
            if (vm.IsUnavailable(InventoryParts.VirtualMachines, out _))
                return CheckOutcome.Skipped(Text("vmsUnreadable"), evidence.ToArray());

            var stillScheduled = vm.Protection
                .Where(p => !string.Equals(p.ProtectedItem.Str("properties.protectionState"), "ProtectionStopped", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (stillScheduled.Count == 0)
                return CheckOutcome.Pass(Text("passStopped", ("vaults", string.Join(", ", vm.Protection.Select(p => "'" + p.VaultName + "'")))), evidence.ToArray());
            return CheckOutcome.Fail(
                Text("fail", ("vm", vm.Name), ("group", vm.ResourceGroup), ("vaults", string.Join(", ", stillScheduled.Select(p => "'" + p.VaultName + "'")))),
                Text("fix"),
                evidence.ToArray());
        }
    }
}
