using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// A bag of ARM resources (as JSON) indexed by type and id, plus the parts that could not be read.
    /// The collector fills one per subscription from list calls; tests fill one from a JSON fixture.
    /// </summary>
    public sealed class ResourceSet
    {
        // Ids per type, in insertion order; the resources themselves live in _byId, so a re-read replaces in O(1).
        private readonly Dictionary<string, List<string>> _byType = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, JsonElement> _byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _unavailable = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IReadOnlyList<JsonElement>> _roleAssignments = new(StringComparer.OrdinalIgnoreCase);

        public void Add(JsonElement resource)
        {
            var id = resource.Id().TrimEnd('/');
            var type = resource.Str("type") ?? "";
            // A second copy (e.g. a collection re-read with $expand=restorePoints) replaces the first.
            if (!_byId.ContainsKey(id))
            {
                if (!_byType.TryGetValue(type, out var ids)) _byType[type] = ids = new List<string>();
                ids.Add(id);
            }
            _byId[id] = resource;
        }

        public void AddRange(IEnumerable<JsonElement> resources)
        {
            foreach (var r in resources) Add(r);
        }

        /// <summary>Marks a part of the inventory as unreadable (for example 403 on the vaults), with a reason for the user.</summary>
        public void MarkUnavailable(string part, string reason)
        {
            if (!_unavailable.ContainsKey(part)) _unavailable[part] = reason;
        }

        public IReadOnlyDictionary<string, string> Unavailable => _unavailable;

        /// <summary>
        /// The role assignments ARM lists as applying at a key vault (atScope(): on it and inherited, management groups
        /// included). Kept by vault, not by scope: an inherited assignment's scope need not be a prefix of the vault's id.
        /// </summary>
        public void SetRoleAssignments(string keyVaultId, IReadOnlyList<JsonElement> assignments) => _roleAssignments[keyVaultId.TrimEnd('/')] = assignments;

        /// <summary>The assignments read for a key vault; empty when none were read.</summary>
        public IReadOnlyList<JsonElement> RoleAssignmentsOf(string keyVaultId)
            => _roleAssignments.TryGetValue(keyVaultId.TrimEnd('/'), out var a) ? a : Array.Empty<JsonElement>();

        public IReadOnlyList<JsonElement> OfType(string type)
            => _byType.TryGetValue(type, out var ids) ? ids.Select(id => _byId[id]).ToList() : (IReadOnlyList<JsonElement>)Array.Empty<JsonElement>();

        public JsonElement? Get(string? id)
            => id != null && _byId.TryGetValue(id.TrimEnd('/'), out var r) ? r : (JsonElement?)null;

        /// <summary>Loads a fixture or scenario file: an object with a "resources" array of ARM resources.</summary>
        public static ResourceSet FromScenarioJson(string json)
        {
            var set = new ResourceSet();
            using var doc = JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.Array("resources")) set.Add(r.Clone());
            return set;
        }
    }
}
