using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vault
{
    /// <summary>
    /// Whether any vault of the subscription backs this VM up. No protected item, or one whose protection is stopped,
    /// paused or suspended, means no backups are being taken: worth knowing, though not a fault of the VM.
    /// </summary>
    public sealed class ProtectionCheck : ReadinessCheck
    {
        private static readonly string[] Inactive = { "ProtectionStopped", "ProtectionPaused", "BackupsSuspended" };

        public override string Id => "Vault.Protection";
        public override string Title => "VM is protected by a Recovery Services vault";
        public override CheckSeverity Severity => CheckSeverity.Info;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorBcmDatasourceNotPresent" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Warning(
                    "No Recovery Services vault in the subscription protects this VM: backups are not configured for it.",
                    "If the VM needs backups, enable them: portal > the VM > Backup, choose a vault and a policy (or Enable-AzRecoveryServicesBackupProtection).",
                    new Evidence(vm.VmId, "protectedItems[properties.sourceResourceId]", null));

            var evidence = vm.Protection.Select(p => new Evidence(p.ProtectedItem.Id(), "properties.protectionState", p.ProtectedItem.Str("properties.protectionState"))).ToArray();
            var active = vm.Protection.Where(p => !Inactive.Contains(p.ProtectedItem.Str("properties.protectionState") ?? "", StringComparer.OrdinalIgnoreCase)).ToList();
            if (active.Count > 0)
                return CheckOutcome.Pass($"The VM is protected by vault '{active[0].VaultName}' with policy '{active[0].ProtectedItem.Str("properties.policyName") ?? "(unknown)"}'.", evidence);
            return CheckOutcome.Warning(
                $"The VM's protection is not active: {string.Join(", ", vm.Protection.Select(p => $"vault '{p.VaultName}' says {p.ProtectedItem.Str("properties.protectionState")}"))}. No new backups are taken.",
                "If backups should run, resume protection: portal > the vault > Backup items > the VM > Resume backup, and pick a policy.",
                evidence);
        }
    }
}
