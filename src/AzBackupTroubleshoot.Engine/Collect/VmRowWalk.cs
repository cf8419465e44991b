using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Walks the VM query's rows page by page, in Resource Graph's order, and gives each VM's model as soon as all its
    /// rows are in. The query returns VMs and their extensions (rows of their own) with one key column, <see cref="KeyColumn"/>:
    /// the VM's id in lower case, for an extension its VM's, computed by Resource Graph; it orders by that key, then id.
    /// A VM's rows are then adjacent, so a VM is complete when a row of another key comes (or the query ends). Only
    /// equality of the keys Resource Graph gave is relied on (ordinal, the exact strings): not how it compares strings
    /// when it sorts, which would have to match ours if the VMs and extensions were two queries walked side by side
    /// ('vm1/extensions/a' sorts after 'vm1-x' by id, before it by key; case and culture rules may differ).
    /// Not thread-safe: one query's pages come one after the other.
    /// </summary>
    internal sealed class VmRowWalk
    {
        /// <summary>The VM query's key column (azbt's, not ARM's: left out of the models).</summary>
        public const string KeyColumn = "vmKey";

        private readonly List<JsonElement> _vms = new List<JsonElement>();
        private readonly List<JsonElement> _extensions = new List<JsonElement>();
        private string? _key;

        /// <summary>
        /// The VM query: VMs and VM extensions, keyed by the VM's lower-case id (an extension's id is its VM's id,
        /// "/extensions/" and its name; the regex takes the last such segment, so a group named "extensions" is no trap).
        /// </summary>
        public static string Query(string columns)
        {
            var vm = ResourceTypes.VirtualMachine.ToLowerInvariant();
            var extension = ResourceGraphRows.ExtensionType.ToLowerInvariant();
            return $"Resources | where type in~ ('{vm}', '{extension}')"
                + $" | extend {KeyColumn} = tolower(iff(type =~ '{extension}', extract('(?i)^(.*)/extensions/[^/]+$', 1, id), id))"
                + $" | project {KeyColumn}, {columns} | order by {KeyColumn} asc, id asc";
        }

        /// <summary>A page's rows (converted to ARM's shapes), in the query's order; the VMs they complete.</summary>
        public List<JsonElement> Add(IReadOnlyList<JsonElement> page)
        {
            var complete = new List<JsonElement>();
            foreach (var row in page)
            {
                var key = row.Str(KeyColumn);
                // No key (Resource Graph gave none): a group of its own, so it completes nothing it does not belong to.
                if (key == null || !string.Equals(key, _key, StringComparison.Ordinal)) Close(complete);
                _key = key;
                if (row.Str("type") == ResourceTypes.VirtualMachine) _vms.Add(row);
                else if (row.Str("type") == ResourceGraphRows.ExtensionType) _extensions.Add(row);
            }
            return complete;
        }

        /// <summary>The query's last page is in (call only when every page was read): the last VM is complete.</summary>
        public List<JsonElement> End()
        {
            var complete = new List<JsonElement>();
            Close(complete);
            return complete;
        }

        /// <summary>The group's VMs (one; ARM ids differing only in case would be one resource) with its extensions. Extensions without their VM are dropped.</summary>
        private void Close(List<JsonElement> complete)
        {
            foreach (var vm in _vms) complete.Add(Model(vm, _extensions));
            _vms.Clear();
            _extensions.Clear();
        }

        /// <summary>ARM's VM model: the row without the key column, its extension rows (without theirs) in "resources", in id order.</summary>
        internal static JsonElement Model(JsonElement vm, IReadOnlyList<JsonElement> extensions)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var member in vm.EnumerateObject())
                    if (!member.NameEquals(KeyColumn) && !(extensions.Count > 0 && member.NameEquals("resources"))) member.WriteTo(writer);
                if (extensions.Count > 0)
                {
                    writer.WriteStartArray("resources");
                    foreach (var extension in extensions)
                    {
                        writer.WriteStartObject();
                        foreach (var member in extension.EnumerateObject())
                            if (!member.NameEquals(KeyColumn)) member.WriteTo(writer);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            var reader = new Utf8JsonReader(buffer.ToArray());
            return JsonElement.ParseValue(ref reader);
        }
    }
}
