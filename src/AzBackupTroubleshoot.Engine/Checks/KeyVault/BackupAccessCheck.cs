using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.KeyVault
{
    /// <summary>
    /// To back up a VM encrypted with Azure Disk Encryption, the Backup Management Service must be able to read and back up
    /// the disk keys in the key vault. What it needs (backup-azure-vms-automation): for a vault holding a KEK, keys
    /// get/list/backup; for a vault holding a BEK secret, secrets get/list, plus backup when the BEK is not wrapped by a KEK.
    /// ARM lists access policies by objectId and cannot tell which one is Backup's unless applicationId is set, so an
    /// unattributable but sufficient policy is a warning to verify, not a pass.
    /// </summary>
    public sealed class BackupAccessCheck : ReadinessCheck
    {
        /// <summary>Backup Management Service application ids: Azure public cloud, Azure Government.</summary>
        public static readonly string[] BackupApplicationIds = { "262044b1-e2ce-469f-a196-69ab7ada62d3", "ff281ffe-705c-4f53-9f37-a40e6f2c68f3" };

        public override string Id => "KeyVault.BackupAccess";
        public override int Order => 200;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks, InventoryParts.KeyVaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorKeyvaultPermissionsNotConfigured" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "encryption", "keyvault" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var keys = vm.AllDisks.Where(d => d.IsAdeEncrypted).SelectMany(d => d.AdeKeys).ToList();
            if (keys.Count == 0)
                return CheckOutcome.Skipped(Text("notEncrypted"));
            if (SkipIfUnavailable(vm, InventoryParts.KeyVaults) is CheckOutcome skipped) return skipped;

            // An access policy that names Backup's application id tells us its objectId; policies elsewhere that carry only
            // that objectId (how a policy granted to the service principal is stored) are Backup's too.
            var learned = vm.KeyVaults.SelectMany(v => v.Array("properties.accessPolicies"))
                .Where(p => BackupApplicationIds.Contains(p.Str("applicationId") ?? "", StringComparer.OrdinalIgnoreCase))
                .Select(p => p.Str("objectId")).Where(o => !string.IsNullOrEmpty(o)).Select(o => o!)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var failures = new List<CheckText>();
            var warnings = new List<CheckText>();
            var unreadable = new List<string>();
            var passes = new List<string>();
            var evidence = new List<Evidence>();
            foreach (var need in Needs(keys))
            {
                var name = ArmIds.NameOf(need.VaultId);
                var kv = vm.KeyVaults.Cast<JsonElement?>().FirstOrDefault(v => ArmIds.Same(v!.Value.Id(), need.VaultId));
                if (kv == null) { unreadable.Add($"'{name}'"); continue; }

                if (kv.Value.Bool("properties.enableRbacAuthorization") == true)
                {
                    evidence.Add(new Evidence(need.VaultId, "properties.enableRbacAuthorization", "true"));
                    warnings.Add(Text("rbac", ("vault", name), ("needs", need.Describe(this))));
                    continue;
                }

                var policies = kv.Value.Array("properties.accessPolicies");
                evidence.Add(new Evidence(need.VaultId, "properties.accessPolicies.length", policies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var granting = policies.Select((p, i) => (Policy: p, Index: i)).Where(p => need.GrantedBy(p.Policy)).ToList();
                var backupPolicies = policies.Select((p, i) => (Policy: p, Index: i))
                    .Where(p => IsBackups(context, learned, p.Policy)).ToList();
                evidence.AddRange(granting.Select(p => new Evidence(need.VaultId, $"properties.accessPolicies[{p.Index}].objectId", p.Policy.Str("objectId"))));
                evidence.AddRange(backupPolicies.Select(p => new Evidence(need.VaultId, $"properties.accessPolicies[{p.Index}].permissions", Permissions(p.Policy))));

                if (backupPolicies.Any(p => need.GrantedBy(p.Policy)))
                    passes.Add($"'{name}'");
                else if (backupPolicies.Count > 0)
                    failures.Add(Text("backupPolicyTooNarrow", ("vault", name), ("granted", Permissions(backupPolicies[0].Policy)), ("needs", need.Describe(this))));
                else if (granting.Count == 0)
                    failures.Add(Text("noPolicyGrants", ("vault", name), ("needs", need.Describe(this)), ("count", policies.Count)));
                else
                    warnings.Add(Text("unattributed", ("vault", name), ("count", granting.Count), ("needs", need.Describe(this)),
                        ("objectIds", string.Join(", ", granting.Select(g => g.Policy.Str("objectId"))))));
            }

            if (failures.Count > 0)
                return CheckOutcome.Fail(Text("fail", ("problems", new CheckTextList("; ", failures.Concat(warnings)))), Text("fix"), evidence.ToArray());
            if (warnings.Count > 0)
                return CheckOutcome.Warning(Text("warning", ("problems", new CheckTextList("; ", warnings))), Text("fix"), evidence.ToArray());
            if (unreadable.Count > 0)
                return CheckOutcome.Skipped(Text("unreadable", ("vaults", string.Join(", ", unreadable))),
                    keys.Select(k => new Evidence(k.ResourceId, "properties.encryptionSettingsCollection.encryptionSettings[].diskEncryptionKey.sourceVault.id", k.SecretVaultId)).ToArray());
            return CheckOutcome.Pass(Text("pass", ("vaults", string.Join(", ", passes))), evidence.ToArray());
        }

        /// <summary>
        /// Backup's policy: named by its application id, or by an object id the user told us is Backup's principal, or by
        /// one learned from a policy (in any of the VM's key vaults) that names Backup's application.
        /// </summary>
        private static bool IsBackups(EvaluationContext context, IReadOnlyList<string> learned, JsonElement policy)
            => BackupApplicationIds.Contains(policy.Str("applicationId") ?? "", StringComparer.OrdinalIgnoreCase)
               || context.BackupServiceObjectIds.Contains(policy.Str("objectId") ?? "", StringComparer.OrdinalIgnoreCase)
               || learned.Contains(policy.Str("objectId") ?? "", StringComparer.OrdinalIgnoreCase);

        /// <summary>What Backup needs in each key vault the VM's disks use.</summary>
        private static IEnumerable<VaultNeed> Needs(List<AdeKeyReference> keys)
        {
            var needs = new List<VaultNeed>();
            VaultNeed For(string id)
            {
                var n = needs.FirstOrDefault(x => ArmIds.Same(x.VaultId, id));
                if (n == null) needs.Add(n = new VaultNeed(id));
                return n;
            }
            foreach (var k in keys)
            {
                if (k.KeyVaultId != null) For(k.KeyVaultId).Keys.UnionWith(new[] { "get", "list", "backup" });
                if (k.SecretVaultId != null)
                {
                    var secrets = For(k.SecretVaultId).Secrets;
                    secrets.UnionWith(new[] { "get", "list" });
                    if (!k.UsesKek) secrets.Add("backup");
                }
            }
            return needs;
        }

        private static string Permissions(JsonElement policy)
            => $"keys [{string.Join(",", policy.Array("permissions.keys").Select(p => p.GetString()))}] secrets [{string.Join(",", policy.Array("permissions.secrets").Select(p => p.GetString()))}]";

        private sealed class VaultNeed
        {
            public VaultNeed(string vaultId) => VaultId = vaultId;
            public string VaultId { get; }
            public HashSet<string> Keys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            public HashSet<string> Secrets { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public bool GrantedBy(JsonElement policy) => Has(policy, "permissions.keys", Keys) && Has(policy, "permissions.secrets", Secrets);

            /// <summary>"keys get/list/backup", "secrets get/list", or both, as a text of <paramref name="check"/>.</summary>
            public CheckText Describe(BackupAccessCheck check)
            {
                string Join(HashSet<string> names) => string.Join("/", names);
                if (Keys.Count > 0 && Secrets.Count > 0) return check.Text("needsKeysAndSecrets", ("keys", Join(Keys)), ("secrets", Join(Secrets)));
                return Keys.Count > 0 ? check.Text("needsKeys", ("keys", Join(Keys))) : check.Text("needsSecrets", ("secrets", Join(Secrets)));
            }

            private static bool Has(JsonElement policy, string path, HashSet<string> needed)
            {
                var granted = new HashSet<string>(policy.Array(path).Select(p => p.GetString() ?? ""), StringComparer.OrdinalIgnoreCase);
                return granted.Contains("all") || needed.All(granted.Contains);
            }
        }
    }
}
