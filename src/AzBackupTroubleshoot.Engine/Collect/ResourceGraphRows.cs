using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Turns Resource Graph rows back into the resources ARM returns, so the inventory is the same through either
    /// source. What differs (docs/emulator.md, "Resource Graph", cites the sources): types in lower case; string
    /// columns a resource lacks are "" rather than absent; protected items carry two members ARM's model lacks
    /// (currentProtectionState, dataSourceInfo); backup policy ids may come in lower case; VM extensions are rows of
    /// their own; jobs come in id order.
    /// </summary>
    internal static class ResourceGraphRows
    {
        /// <summary>VM extensions are resources of their own in Resource Graph; ARM's VM model carries them in "resources".</summary>
        public const string ExtensionType = "Microsoft.Compute/virtualMachines/extensions";

        private static readonly string[] Canonical =
        {
            ResourceTypes.VirtualMachine, ResourceTypes.Disk, ResourceTypes.RestorePointCollection, ResourceTypes.NetworkInterface,
            ResourceTypes.NetworkSecurityGroup, ResourceTypes.VirtualNetwork, ResourceTypes.RecoveryServicesVault, ResourceTypes.KeyVault,
            ResourceTypes.ProtectedItem, ResourceTypes.BackupJob, ResourceTypes.BackupPolicy, ExtensionType,
        };

        /// <summary>Members of a protected item's properties that Resource Graph adds and ARM's ProtectedItem model does not have.</summary>
        private static readonly string[] GraphOnlyItemProperties = { "currentProtectionState", "dataSourceInfo" };

        /// <summary>One row as ARM gives the resource: empty columns left out, the type in ARM's casing, Resource Graph's additions removed.</summary>
        public static JsonElement ToArm(JsonElement row)
        {
            var node = JsonNode.Parse(row.GetRawText())!.AsObject();
            // A column the resource lacks is null (dynamic columns) or "" (string columns: kind, location, managedBy).
            foreach (var key in node.Where(p => p.Value == null || (p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)).Select(p => p.Key).ToList())
                node.Remove(key);
            var canonical = Canonical.FirstOrDefault(t => string.Equals(t, (string?)node["type"], StringComparison.OrdinalIgnoreCase));
            if (canonical != null) node["type"] = canonical;
            if (canonical == ResourceTypes.ProtectedItem && node["properties"] is JsonObject properties)
                foreach (var key in GraphOnlyItemProperties) properties.Remove(key);
            return JsonSerializer.SerializeToElement(node);
        }

        /// <summary>One subscription's converted rows (but its VMs, see <see cref="VmRowWalk"/>) put in ARM's arrangement (in place).</summary>
        public static void Arrange(List<JsonElement> resources)
        {
            RestorePolicyIds(resources);
            // ARM lists a vault's jobs newest first; keep that order so both sources give the same inventory.
            var jobs = resources.Where(r => r.Str("type") == ResourceTypes.BackupJob)
                .OrderByDescending(j => DateTimeOffset.TryParse(j.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue)
                .ToList();
            resources.RemoveAll(r => r.Str("type") == ResourceTypes.BackupJob);
            resources.AddRange(jobs);
        }

        /// <summary>
        /// A policy whose id differs only in case from a protected item's policyId takes the item's spelling: that is the
        /// id ARM's items name it by, and what evidence cites (lookups ignore case either way).
        /// </summary>
        private static void RestorePolicyIds(List<JsonElement> resources)
        {
            var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in resources.Where(r => r.Str("type") == ResourceTypes.ProtectedItem))
                if (item.Str("properties.policyId") is string policyId && !named.ContainsKey(policyId)) named[policyId] = policyId;
            for (var i = 0; i < resources.Count; i++)
            {
                if (resources[i].Str("type") != ResourceTypes.BackupPolicy || !named.TryGetValue(resources[i].Id(), out var spelled) || spelled == resources[i].Id()) continue;
                resources[i] = With(resources[i], node => node["id"] = spelled);
            }
        }

        private static JsonElement With(JsonElement resource, Action<JsonObject> change)
        {
            var node = JsonNode.Parse(resource.GetRawText())!.AsObject();
            change(node);
            return JsonSerializer.SerializeToElement(node);
        }
    }
}
