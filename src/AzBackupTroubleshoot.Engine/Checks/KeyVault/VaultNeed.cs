using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.KeyVault
{
    /// <summary>
    /// What Backup needs in one key vault the VM's disks use, as access-policy permissions (keys get/list/backup for a
    /// vault holding a KEK; secrets get/list, plus backup when the BEK is not wrapped by a KEK) and as the Azure RBAC data
    /// actions that stand for them.
    /// </summary>
    internal sealed class VaultNeed
    {
        private const string Prefix = "Microsoft.KeyVault/vaults/";

        /// <summary>
        /// Access-policy permission → data action, after the custom role Microsoft documents for Backup on an RBAC vault
        /// (backup-azure-vms-encryption): keys/read for get and list; getSecret and readMetadata for a secret's get and list.
        /// </summary>
        private static readonly (string Kind, string Permission, string Action)[] ActionOf =
        {
            ("keys", "get", Prefix + "keys/read"),
            ("keys", "list", Prefix + "keys/read"),
            ("keys", "backup", Prefix + "keys/backup/action"),
            ("secrets", "get", Prefix + "secrets/getSecret/action"),
            ("secrets", "list", Prefix + "secrets/readMetadata/action"),
            ("secrets", "backup", Prefix + "secrets/backup/action"),
        };

        private VaultNeed(string vaultId) => VaultId = vaultId;

        public string VaultId { get; }
        public HashSet<string> Keys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Secrets { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The RBAC data actions that give what this vault must grant.</summary>
        public IReadOnlyList<string> DataActions
            => ActionOf.Where(a => (a.Kind == "keys" ? Keys : Secrets).Contains(a.Permission)).Select(a => a.Action).Distinct().ToList();

        /// <summary>What Backup needs in each key vault the VM's disks use.</summary>
        public static IReadOnlyList<VaultNeed> For(IEnumerable<AdeKeyReference> keys)
        {
            var needs = new List<VaultNeed>();
            VaultNeed Of(string id)
            {
                var n = needs.FirstOrDefault(x => ArmIds.Same(x.VaultId, id));
                if (n == null) needs.Add(n = new VaultNeed(id));
                return n;
            }
            foreach (var k in keys)
            {
                if (k.KeyVaultId != null) Of(k.KeyVaultId).Keys.UnionWith(new[] { "get", "list", "backup" });
                if (k.SecretVaultId != null)
                {
                    var secrets = Of(k.SecretVaultId).Secrets;
                    secrets.UnionWith(new[] { "get", "list" });
                    if (!k.UsesKek) secrets.Add("backup");
                }
            }
            return needs;
        }

        public bool GrantedBy(JsonElement policy) => Has(policy, "permissions.keys", Keys) && Has(policy, "permissions.secrets", Secrets);

        private static bool Has(JsonElement policy, string path, HashSet<string> needed)
        {
            var granted = new HashSet<string>(policy.Array(path).Select(p => p.GetString() ?? ""), StringComparer.OrdinalIgnoreCase);
            return granted.Contains("all") || needed.All(granted.Contains);
        }
    }
}
