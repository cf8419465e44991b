using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Runtime.InteropServices;
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

        /// <summary>A page's rows (the answer's "data"), each as ARM gives the resource (<see cref="ToArm(ReadOnlySpan{byte}, JsonTextBuilder)"/>).</summary>
        public static List<GraphRow> ToArm(IReadOnlyList<JsonElement> rows)
        {
            var text = new JsonTextBuilder();
            return rows.Select(r => ToArm(JsonMarshal.GetRawUtf8Value(r), text)).ToList();
        }

        /// <summary>
        /// One row (its UTF-8 text) as ARM gives the resource: empty columns left out, the type in ARM's casing, Resource
        /// Graph's additions removed. Copied token by token into the row's own text: no string, DOM or document in between.
        /// </summary>
        public static GraphRow ToArm(ReadOnlySpan<byte> row, JsonTextBuilder text)
        {
            var type = TopLevelString(row, "type");
            var canonical = Canonical.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
            string? id = null;
            var reader = new Utf8JsonReader(row);
            var writer = text.Begin();
            ReadObjectStart(ref reader);
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonTextBuilder.Unescaped(ref reader);
                var isType = reader.ValueTextEquals("type");
                var isItemProperties = canonical == ResourceTypes.ProtectedItem && reader.ValueTextEquals("properties");
                var isId = reader.ValueTextEquals("id");
                reader.Read();
                // A column the resource lacks is null (dynamic columns) or "" (string columns: kind, location, managedBy).
                if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0)) continue;
                writer.WritePropertyName(name);
                if (isType && canonical != null) writer.WriteStringValue(canonical);
                else if (isItemProperties && reader.TokenType == JsonTokenType.StartObject) CopyObjectWithout(ref reader, writer, GraphOnlyItemProperties);
                else
                {
                    if (isId && reader.TokenType == JsonTokenType.String) id = reader.GetString();
                    JsonTextBuilder.CopyValue(ref reader, writer);
                }
            }
            writer.WriteEndObject();
            return new GraphRow(id ?? "", canonical ?? type, text.End());
        }

        /// <summary>One subscription's converted rows (but its VMs, see <see cref="VmRowWalk"/>) put in ARM's arrangement (in place).</summary>
        public static void Arrange(List<GraphRow> resources)
        {
            RestorePolicyIds(resources);
            // ARM lists a vault's jobs newest first; keep that order so both sources give the same inventory.
            var jobs = resources.Where(r => r.Type == ResourceTypes.BackupJob)
                .OrderByDescending(j => DateTimeOffset.TryParse(j.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue)
                .ToList();
            resources.RemoveAll(r => r.Type == ResourceTypes.BackupJob);
            resources.AddRange(jobs);
        }

        /// <summary>
        /// A policy whose id differs only in case from a protected item's policyId takes the item's spelling: that is the
        /// id ARM's items name it by, and what evidence cites (lookups ignore case either way).
        /// </summary>
        private static void RestorePolicyIds(List<GraphRow> resources)
        {
            var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in resources.Where(r => r.Type == ResourceTypes.ProtectedItem))
                if (item.Str("properties.policyId") is string policyId && !named.ContainsKey(policyId)) named[policyId] = policyId;
            var text = new JsonTextBuilder();
            for (var i = 0; i < resources.Count; i++)
            {
                var policy = resources[i];
                if (policy.Type != ResourceTypes.BackupPolicy || !named.TryGetValue(policy.Id, out var spelled) || spelled == policy.Id) continue;
                resources[i] = policy with { Id = spelled, Utf8 = With(policy.Utf8, "id", writer => writer.WriteStringValue(spelled), text) };
            }
        }

        /// <summary>The object with one member's value written anew: in its place when it has the member, else last.</summary>
        private static byte[] With(byte[] resource, string name, Action<Utf8JsonWriter> writeValue, JsonTextBuilder text)
        {
            var reader = new Utf8JsonReader(resource);
            var writer = text.Begin();
            ReadObjectStart(ref reader);
            writer.WriteStartObject();
            var written = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIt = !written && reader.ValueTextEquals(name);
                writer.WritePropertyName(JsonTextBuilder.Unescaped(ref reader));
                reader.Read();
                if (isIt)
                {
                    reader.Skip();
                    writeValue(writer);
                    written = true;
                }
                else JsonTextBuilder.CopyValue(ref reader, writer);
            }
            if (!written)
            {
                writer.WritePropertyName(name);
                writeValue(writer);
            }
            writer.WriteEndObject();
            return text.End();
        }

        /// <summary>The object the reader is on, less the members of these names (the reader ends on its end).</summary>
        internal static void CopyObjectWithout(ref Utf8JsonReader reader, Utf8JsonWriter writer, string[] names)
        {
            writer.WriteStartObject();
            CopyMembersWithout(ref reader, writer, names);
            writer.WriteEndObject();
        }

        /// <summary>The members of the object the reader is on, less those of these names, into the object being written (the reader ends on the object's end).</summary>
        internal static void CopyMembersWithout(ref Utf8JsonReader reader, Utf8JsonWriter writer, string[] names)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (IsAny(ref reader, names))
                {
                    reader.Skip(); // on a property name: passes over its value
                    continue;
                }
                writer.WritePropertyName(JsonTextBuilder.Unescaped(ref reader));
                reader.Read();
                JsonTextBuilder.CopyValue(ref reader, writer);
            }
        }

        private static bool IsAny(ref Utf8JsonReader reader, string[] names)
        {
            foreach (var name in names)
                if (reader.ValueTextEquals(name)) return true;
            return false;
        }

        /// <summary>The string value of an object's top-level member (exactly this name); null when absent or not a string.</summary>
        internal static string? TopLevelString(ReadOnlySpan<byte> json, string name)
        {
            var reader = new Utf8JsonReader(json);
            ReadObjectStart(ref reader);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(name))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }

        internal static void ReadObjectStart(ref Utf8JsonReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A Resource Graph row is not a JSON object.");
        }
    }

    /// <summary>
    /// A Resource Graph row as the ARM resource it stands for: its UTF-8 text (what the inventory keeps; a parsed element
    /// costs about twice as much), its id and its type in ARM's casing (what the reader routes it by).
    /// </summary>
    internal sealed record GraphRow(string Id, string? Type, byte[] Utf8)
    {
        /// <summary>A document of its own for the text (a copy: the element holds no reference into the row).</summary>
        public JsonElement Parse() => Json.ParseUtf8(Utf8);

        /// <summary>A string at a dotted path (as <see cref="Json.Str(JsonElement, string)"/>), read without keeping a document.</summary>
        public string? Str(string path)
        {
            using var document = JsonDocument.Parse(Utf8);
            return document.RootElement.Str(path);
        }
    }
}
