using System;
using System.Collections.Generic;
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

        private static readonly string[] Key = { KeyColumn };
        private static readonly string[] KeyAndResources = { KeyColumn, "resources" };

        private readonly List<GraphRow> _vms = new List<GraphRow>();
        private readonly List<GraphRow> _extensions = new List<GraphRow>();
        private readonly JsonTextBuilder _text = new JsonTextBuilder();
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
        public List<GraphRow> Add(IReadOnlyList<GraphRow> page)
        {
            var complete = new List<GraphRow>();
            foreach (var row in page)
            {
                var key = ResourceGraphRows.TopLevelString(row.Utf8, KeyColumn);
                // No key (Resource Graph gave none): a group of its own, so it completes nothing it does not belong to.
                if (key == null || !string.Equals(key, _key, StringComparison.Ordinal)) Close(complete);
                _key = key;
                if (row.Type == ResourceTypes.VirtualMachine) _vms.Add(row);
                else if (row.Type == ResourceGraphRows.ExtensionType) _extensions.Add(row);
            }
            return complete;
        }

        /// <summary>The query's last page is in (call only when every page was read): the last VM is complete.</summary>
        public List<GraphRow> End()
        {
            var complete = new List<GraphRow>();
            Close(complete);
            return complete;
        }

        /// <summary>The group's VMs (one; ARM ids differing only in case would be one resource) with its extensions. Extensions without their VM are dropped.</summary>
        private void Close(List<GraphRow> complete)
        {
            foreach (var vm in _vms) complete.Add(Model(vm, _extensions, _text));
            _vms.Clear();
            _extensions.Clear();
        }

        /// <summary>
        /// ARM's VM model: the row without the key column, its extension rows (without theirs) in "resources", in id order;
        /// copied token by token into the model's own text.
        /// </summary>
        internal static GraphRow Model(GraphRow vm, IReadOnlyList<GraphRow> extensions, JsonTextBuilder text)
        {
            var writer = text.Begin();
            var reader = new Utf8JsonReader(vm.Utf8);
            ResourceGraphRows.ReadObjectStart(ref reader);
            writer.WriteStartObject();
            ResourceGraphRows.CopyMembersWithout(ref reader, writer, extensions.Count > 0 ? KeyAndResources : Key);
            if (extensions.Count > 0)
            {
                writer.WriteStartArray("resources");
                foreach (var extension in extensions)
                {
                    var row = new Utf8JsonReader(extension.Utf8);
                    ResourceGraphRows.ReadObjectStart(ref row);
                    ResourceGraphRows.CopyObjectWithout(ref row, writer, Key);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            return vm with { Utf8 = text.End() };
        }
    }
}
