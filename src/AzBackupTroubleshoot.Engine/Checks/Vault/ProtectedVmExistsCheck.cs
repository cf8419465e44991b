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
        public override string Title => "The protected VM still exists";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "320001", "400094", "NoCode.AzureVmNotFound" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };
        public override bool AppliesToMissingVm => true;

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (vm.Exists)
                return vm.IsProtected
                    ? CheckOutcome.Pass($"The VM exists and vault '{vm.Protection[0].VaultName}' protects it.", new Evidence(vm.VmId, "id", vm.VmId))
                    : CheckOutcome.Skipped("The VM is not protected by any vault, so there is no protected item to match.");

            var evidence = vm.Protection.Select(p => new Evidence(p.ProtectedItem.Id(), "properties.sourceResourceId", p.ProtectedItem.Str("properties.sourceResourceId") ?? p.ProtectedItem.Str("properties.virtualMachineId"))).ToList();
            if (vm.IsUnavailable(InventoryParts.VirtualMachines, out _))
                return CheckOutcome.Skipped("The VMs could not be listed, so whether this protected VM still exists is unknown.", evidence.ToArray());

            var stillScheduled = vm.Protection
                .Where(p => !string.Equals(p.ProtectedItem.Str("properties.protectionState"), "ProtectionStopped", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (stillScheduled.Count == 0)
                return CheckOutcome.Pass($"The VM no longer exists, but its protection is stopped (data kept in {string.Join(", ", vm.Protection.Select(p => "'" + p.VaultName + "'"))}), so no backup will run against it.", evidence.ToArray());
            return CheckOutcome.Fail(
                $"The VM '{vm.Name}' (resource group '{vm.ResourceGroup}') no longer exists, but vault(s) {string.Join(", ", stillScheduled.Select(p => "'" + p.VaultName + "'"))} still protect it, so every scheduled backup fails.",
                "If the VM was deleted on purpose, stop its protection in the vault and keep (or delete) its backup data: vault > Backup items > the VM > Stop backup. "
                + "If it should exist, re-create it with the same name in the same resource group; backups then resume.",
                evidence.ToArray());
        }
    }
}
