using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vault
{
    /// <summary>
    /// The vault's own verdict on the protected item: healthStatus (with its healthDetails), lastBackupStatus and
    /// protectionState. It catches what the service already knows, whatever the cause; the codes it gives are passed on.
    /// </summary>
    public sealed class ProtectedItemHealthCheck : ReadinessCheck
    {
        public override string Id => "Vault.ProtectedItemHealth";
        public override string Title => "The vault reports the protected item as healthy";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        /// <summary>None declared: the outcome carries the codes the vault reports in healthDetails.</summary>
        public override IReadOnlyList<string> ErrorCodes { get; } = Array.Empty<string>();
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped("The VM is not protected by any vault, so no vault has an opinion on it.");

            var evidence = new List<Evidence>();
            var failures = new List<string>();
            var warnings = new List<string>();
            var codes = new List<string>();
            foreach (var record in vm.Protection)
            {
                var item = record.ProtectedItem;
                var id = item.Id();
                var health = item.Str("properties.healthStatus");
                var lastBackup = item.Str("properties.lastBackupStatus");
                var state = item.Str("properties.protectionState");
                evidence.Add(new Evidence(id, "properties.healthStatus", health));
                evidence.Add(new Evidence(id, "properties.lastBackupStatus", lastBackup));
                evidence.Add(new Evidence(id, "properties.protectionState", state));

                var details = item.Array("properties.healthDetails");
                foreach (var d in details)
                    if (d.Str("code") is string code) codes.Add(code);
                var detailText = details.Count == 0 ? "" : " (" + string.Join("; ", details.Select(d => $"{d.Str("code")}: {d.Str("title") ?? d.Str("message")}")) + ")";
                var vault = $"vault '{record.VaultName}'";

                if (Is(health, "ActionRequired")) failures.Add($"{vault} says action is required{detailText}");
                else if (Is(health, "ActionSuggested")) warnings.Add($"{vault} suggests an action{detailText}");
                if (Is(state, "ProtectionError")) failures.Add($"{vault} reports a protection error");
                if (Is(lastBackup, "Failed"))
                    (Is(health, "Passed") ? warnings : failures).Add($"the last backup in {vault} failed (at {item.Str("properties.lastBackupTime") ?? "an unknown time"})");
            }

            const string fix = "Open the vault's backup item for this VM, read the health details and the failed job's error, and follow the recommendation; the other checks in this report point at the likely cause.";
            if (failures.Count > 0)
                return CheckOutcome.Fail($"The vault reports a problem: {string.Join("; ", failures.Concat(warnings))}.", fix, evidence.ToArray()).WithCodes(codes.ToArray());
            if (warnings.Count > 0)
                return CheckOutcome.Warning($"The vault reports: {string.Join("; ", warnings)}.", fix, evidence.ToArray()).WithCodes(codes.ToArray());
            return CheckOutcome.Pass("The vault reports the protected item healthy and its last backup did not fail.", evidence.ToArray());
        }

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
