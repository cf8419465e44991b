using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// A bag of ARM resources (as JSON) indexed by type and id, plus the parts that could not be read.
    /// The collector fills one per subscription from list calls; tests fill one from a JSON fixture.
    /// </summary>
    /// <remarks>
    /// Each resource is kept as its UTF-8 text (the bytes it was read as), not as a parsed element: a parsed element
    /// costs about twice its text (its index, 12 bytes a token, is about as large), and a fleet scan holds every
    /// subscription's set at once while the inventories are built one subscription after another. <see cref="Get"/> and
    /// <see cref="OfType"/> parse on each call (the same JSON, a new document each time); what the builder joins each
    /// resource to its VM by is taken once, when it is added (<see cref="InventoryBuilder.JoinKeyOf"/>).
    /// </remarks>
    public sealed class ResourceSet
    {
        // Ids per type, in insertion order; the resources themselves live in _byId, so a re-read replaces in O(1).
        private readonly Dictionary<string, List<string>> _byType = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Stored> _byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _unavailable = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IReadOnlyList<JsonElement>> _roleAssignments = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>One resource: its text, its id as the resource spells it (null when the key is the same), its join key.</summary>
        private sealed class Stored
        {
            public Stored(byte[] utf8, string? spelledId, string? joinKey)
            {
                Utf8 = utf8;
                SpelledId = spelledId;
                JoinKey = joinKey;
            }

            public byte[] Utf8 { get; }
            public string? SpelledId { get; }
            public string? JoinKey { get; }
        }

        public void Add(JsonElement resource) => Add(resource, JsonMarshal.GetRawUtf8Value(resource).ToArray());

        /// <summary>A resource whose UTF-8 text the caller has already (<paramref name="utf8"/> is <paramref name="resource"/>'s, and is kept).</summary>
        /// <param name="spelledId">Its id when the caller has it already (the string is kept; else read from the resource).</param>
        internal void Add(JsonElement resource, byte[] utf8, string? spelledId = null)
        {
            var spelled = spelledId ?? resource.Id();
            var id = spelled.TrimEnd('/');
            var type = resource.Str("type") ?? "";
            // A second copy (e.g. a collection re-read with $expand=restorePoints) replaces the first.
            if (!_byId.ContainsKey(id))
            {
                if (!_byType.TryGetValue(type, out var ids)) _byType[type] = ids = new List<string>();
                ids.Add(id);
            }
            _byId[id] = new Stored(utf8, spelled.Length == id.Length ? null : spelled, InventoryBuilder.JoinKeyOf(type, resource));
        }

        /// <summary>A resource as its UTF-8 text (kept as given; read once here for its type and join key, and its id unless given).</summary>
        internal void AddUtf8(byte[] utf8, string? spelledId = null)
        {
            // Over the kept bytes (no copy); nothing read from it outlives the document.
            using var document = JsonDocument.Parse(utf8);
            Add(document.RootElement, utf8, spelledId);
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

        /// <summary>Every resource of the type, in the order added, each parsed anew.</summary>
        public IReadOnlyList<JsonElement> OfType(string type)
            => Held(type).Select(id => Json.ParseUtf8(_byId[id].Utf8)).ToList();

        /// <summary>The type's ids in the order added, less those removed (<see cref="Remove"/> leaves them in _byType).</summary>
        private IEnumerable<string> Held(string type)
            => _byType.TryGetValue(type, out var ids) ? ids.Where(_byId.ContainsKey) : Enumerable.Empty<string>();

        /// <summary>
        /// Lets a resource's text go: the builder's, once the one VM the resource belongs to is built (a whole set is
        /// released only when every VM of it is). Its id stays in the type's list, skipped (a removal there is O(n)); so
        /// call it only once nothing more is added to the set: the same id added again would be listed twice.
        /// </summary>
        internal void Remove(string id) => _byId.Remove(id.TrimEnd('/'));

        /// <summary>The resource with this id (trailing slashes and case aside), parsed anew; null when the set has none.</summary>
        public JsonElement? Get(string? id)
            => id != null && _byId.TryGetValue(id.TrimEnd('/'), out var r) ? Json.ParseUtf8(r.Utf8) : (JsonElement?)null;

        /// <summary>Whether the set holds this id (as <see cref="Get"/> would find it), without parsing it.</summary>
        internal bool Contains(string? id) => id != null && _byId.ContainsKey(id.TrimEnd('/'));

        /// <summary>The ids of the type's resources as they spell them (what their "id" says), in the order added; nothing parsed.</summary>
        internal IReadOnlyList<string> IdsOf(string type)
            => Held(type).Select(id => _byId[id].SpelledId ?? id).ToList();

        /// <summary>The type's resources as (id as spelled, join key), in the order added (see <see cref="InventoryBuilder.JoinKeyOf"/>); nothing parsed.</summary>
        internal IReadOnlyList<(string Id, string? JoinKey)> JoinKeysOf(string type)
            => Held(type).Select(id => { var r = _byId[id]; return (r.SpelledId ?? id, r.JoinKey); }).ToList();

        /// <summary>The UTF-8 text a resource was added with (tests: what <see cref="Get"/> parses).</summary>
        internal ReadOnlyMemory<byte> TextOf(string id) => _byId[id.TrimEnd('/')].Utf8;

        /// <summary>Loads a fixture or scenario file: an object with a "resources" array of ARM resources.</summary>
        public static ResourceSet FromScenarioJson(string json)
        {
            var set = new ResourceSet();
            using var doc = JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.Array("resources")) set.Add(r);
            return set;
        }
    }
}
