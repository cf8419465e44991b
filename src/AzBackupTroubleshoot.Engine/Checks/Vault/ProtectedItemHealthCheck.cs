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
        public override int Order => 30;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        /// <summary>None declared: the outcome carries the codes the vault reports in healthDetails.</summary>
        public override IReadOnlyList<string> ErrorCodes { get; } = Array.Empty<string>();
        public override IReadOnlyList<string> Tags { get; } = new[] { "vault", "protection" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped(Text("notProtected"));

            var evidence = new List<Evidence>();
            var failures = new List<CheckText>();
            var warnings = new List<CheckText>();
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
                    codes.AddRange(CodesOf(d));
                // The vault's own health details are ARM text: passed on as they are.
                var detailText = string.Join("; ", details.Select(d => $"{d.Str("code")}: {d.Str("title") ?? d.Str("message")}"));
                var vault = record.VaultName;

                if (Is(health, "ActionRequired")) failures.Add(details.Count == 0 ? Text("actionRequired", ("vault", vault)) : Text("actionRequiredDetails", ("vault", vault), ("details", detailText)));
                else if (Is(health, "ActionSuggested")) warnings.Add(details.Count == 0 ? Text("actionSuggested", ("vault", vault)) : Text("actionSuggestedDetails", ("vault", vault), ("details", detailText)));
                if (Is(state, "ProtectionError")) failures.Add(Text("protectionError", ("vault", vault)));
                if (Is(lastBackup, "Failed"))
                    (Is(health, "Passed") ? warnings : failures).Add(Text("lastBackupFailed", ("vault", vault), ("time", CheckText.Or(item.Str("properties.lastBackupTime"), "unknown"))));
            }

            if (failures.Count > 0)
                return CheckOutcome.Fail(Text("fail", ("problems", new CheckTextList("; ", failures.Concat(warnings)))), Text("fix"), evidence.ToArray()).WithCodes(codes.ToArray());
            if (warnings.Count > 0)
                return CheckOutcome.Warning(Text("warning", ("problems", new CheckTextList("; ", warnings))), Text("fix"), evidence.ToArray()).WithCodes(codes.ToArray());
            return CheckOutcome.Pass(Text("pass"), evidence.ToArray());
        }

        /// <summary>
        /// The codes a health detail stands for: its numeric code (0 means none), and its title when that is a code the
        /// knowledge base knows (the vault often puts the UserError... name there).
        /// </summary>
        private static IEnumerable<string> CodesOf(System.Text.Json.JsonElement detail)
        {
            var code = detail.Str("code");
            if (!string.IsNullOrEmpty(code) && code != "0") yield return code!;
            var title = detail.Str("title");
            if (title != null && Knowledge.KnowledgeBase.Default.FindByCode(title) is Knowledge.ErrorEntry entry) yield return entry.Code;
        }

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
