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
        public override int Order => 20;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Info;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorBcmDatasourceNotPresent" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Warning(
                    Text("notProtected"),
                    Text("fixNotProtected"),
                    new Evidence(vm.VmId, "protectedItems[properties.sourceResourceId]", null));

            var evidence = vm.Protection.Select(p => new Evidence(p.ProtectedItem.Id(), "properties.protectionState", p.ProtectedItem.Str("properties.protectionState"))).ToArray();
            var active = vm.Protection.Where(p => !Inactive.Contains(p.ProtectedItem.Str("properties.protectionState") ?? "", StringComparer.OrdinalIgnoreCase)).ToList();
            if (active.Count > 0)
                return CheckOutcome.Pass(Text("pass", ("vault", active[0].VaultName), ("policy", CheckText.Or(active[0].ProtectedItem.Str("properties.policyName"), "unknown"))), evidence);
            return CheckOutcome.Warning(
                Text("inactive", ("states", new CheckTextList(", ", vm.Protection.Select(p => Text("vaultState", ("vault", p.VaultName), ("state", p.ProtectedItem.Str("properties.protectionState"))))))),
                Text("fixInactive"),
                evidence);
        }
    }
}
