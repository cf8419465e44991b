using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Joins VM models (VirtualMachines_ListAll / _List, or a single GET) with their run-time status (the statusOnly list)
    /// page by page as both come in: a VM is ready once its model and its status are, not when both lists are done, so
    /// the checks that read only the VM can run on the first pages. The two lists page apart, in no documented order.
    /// A running VM whose status view carries no vmAgent block, or that the statusOnly list does not hold (or that list
    /// failed), is read alone (VirtualMachines_InstanceView). Thread-safe: pages arrive on pool threads.
    /// </summary>
    internal sealed class VmStatusJoin
    {
        private readonly object _gate = new object();
        private readonly Func<string, bool> _inScope;
        private readonly Func<string, Task<JsonElement?>> _readOwnView;
        private readonly Action<IReadOnlyList<JsonElement>> _ready;
        // Every model in the order the lists gave them, so the set keeps the list's order: a JsonElement until it is merged,
        // then the merged document's UTF-8 text (byte[]), which is all the set keeps of it (half the memory of an element).
        private readonly List<object> _vms = new List<object>();
        private readonly Dictionary<string, int> _waitingForStatus = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, JsonElement?> _statuses = new Dictionary<string, JsonElement?>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Task> _ownReads = new List<Task>();
        private bool _statusesDone;

        /// <param name="inScope">Whether a VM id is in the scan's scope (others are stored as listed, not joined).</param>
        /// <param name="readOwnView">The VM's own instance view read; null when it failed (the caller reports it).</param>
        /// <param name="ready">Told of in-scope VMs as they become ready, with their instance view merged in.</param>
        public VmStatusJoin(Func<string, bool> inScope, Func<string, Task<JsonElement?>> readOwnView, Action<IReadOnlyList<JsonElement>> ready)
        {
            _inScope = inScope;
            _readOwnView = readOwnView;
            _ready = ready;
        }

        /// <summary>A page of models (no instance view).</summary>
        public void AddModels(IReadOnlyList<JsonElement> models)
        {
            var ready = new List<(int Index, JsonElement Model, JsonElement? View)>();
            lock (_gate)
            {
                foreach (var model in models)
                {
                    var index = _vms.Count;
                    _vms.Add(model);
                    var id = model.Id();
                    if (!_inScope(id)) continue;
                    if (_statuses.TryGetValue(id, out var view))
                    {
                        _statuses.Remove(id);
                        ready.Add((index, model, view));
                    }
                    else if (_statusesDone) ready.Add((index, model, null));
                    else _waitingForStatus[id] = index;
                }
            }
            Resolve(ready);
        }

        /// <summary>A VM read with its instance view already (VirtualMachines_Get with $expand=instanceView).</summary>
        public void AddWithView(JsonElement vm)
        {
            lock (_gate) _vms.Add(vm);
            _ready(new[] { vm });
        }

        /// <summary>A page of the statusOnly list.</summary>
        public void AddStatuses(IReadOnlyList<JsonElement> views)
        {
            var ready = new List<(int Index, JsonElement Model, JsonElement? View)>();
            lock (_gate)
            {
                foreach (var v in views)
                {
                    var id = v.Id();
                    var view = v.At("properties.instanceView");
                    if (_waitingForStatus.TryGetValue(id, out var index))
                    {
                        _waitingForStatus.Remove(id);
                        ready.Add((index, (JsonElement)_vms[index], view));
                    }
                    else _statuses[id] = view;
                }
            }
            Resolve(ready);
        }

        /// <summary>
        /// The statusOnly list is done (or failed): models still without a status, and those that come later without one,
        /// are read alone; statuses already in still serve models that come later (Resource Graph's rows).
        /// </summary>
        public void StatusesDone()
        {
            List<(int Index, JsonElement Model, JsonElement? View)> ready;
            lock (_gate)
            {
                _statusesDone = true;
                ready = _waitingForStatus.Values.Select(i => (i, (JsonElement)_vms[i], (JsonElement?)null)).ToList();
                _waitingForStatus.Clear();
            }
            Resolve(ready);
        }

        /// <summary>
        /// Every VM's UTF-8 text, in list order, once the own instance view reads are done (call after both lists, once):
        /// handed over, the join keeps none of them (a caller that keeps the join, as Resource Graph's path does until its
        /// restore points are read, would otherwise hold every model twice).
        /// </summary>
        public async Task<IReadOnlyList<byte[]>> CompleteAsync()
        {
            Task[] reads;
            lock (_gate) reads = _ownReads.ToArray();
            await Task.WhenAll(reads).ConfigureAwait(false);
            lock (_gate)
            {
                var all = _vms.Select(vm => vm as byte[] ?? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value((JsonElement)vm).ToArray()).ToList();
                _vms.Clear();
                _vms.TrimExcess();
                _ownReads.Clear();
                return all;
            }
        }

        private void Resolve(List<(int Index, JsonElement Model, JsonElement? View)> pairs)
        {
            var ready = new List<JsonElement>();
            foreach (var (index, model, view) in pairs)
            {
                if (NeedsOwnInstanceView(view))
                {
                    var read = ReadOwnAsync(index, model);
                    lock (_gate) _ownReads.Add(read);
                    continue;
                }
                ready.Add(Merge(index, model, view!.Value));
            }
            if (ready.Count > 0) _ready(ready);
        }

        private async Task ReadOwnAsync(int index, JsonElement model)
        {
            var view = await _readOwnView(model.Id()).ConfigureAwait(false);
            _ready(new[] { view is JsonElement v ? Merge(index, model, v) : model });
        }

        private JsonElement Merge(int index, JsonElement model, JsonElement view)
        {
            var merged = WithInstanceView(model, view);
            lock (_gate) _vms[index] = merged;
            return Json.ParseUtf8(merged);
        }

        /// <summary>No status at all, or a running VM whose status view carries no vmAgent block.</summary>
        private static bool NeedsOwnInstanceView(JsonElement? view)
        {
            if (view is not JsonElement iv) return true;
            if (iv.At("vmAgent") != null) return false;
            return iv.Array("statuses").Any(s => string.Equals(s.Str("code"), "PowerState/running", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The model with properties.instanceView set (in place when the model has one, else last), copied token by token:
        /// no DOM in between, and the result is one compact document's UTF-8 text (the model and the view are let go).
        /// </summary>
        private static byte[] WithInstanceView(JsonElement model, JsonElement instanceView)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                var hasProperties = false;
                foreach (var member in model.EnumerateObject())
                {
                    if (!member.NameEquals("properties"))
                    {
                        member.WriteTo(writer);
                        continue;
                    }
                    hasProperties = true;
                    WritePropertiesWith(writer, member.Value, instanceView);
                }
                if (!hasProperties) WritePropertiesWith(writer, default, instanceView);
                writer.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>"properties": the model's members (none when it has no object there) with instanceView replaced or added.</summary>
        private static void WritePropertiesWith(Utf8JsonWriter writer, JsonElement properties, JsonElement instanceView)
        {
            writer.WriteStartObject("properties");
            var replaced = false;
            if (properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in properties.EnumerateObject())
                {
                    if (!member.NameEquals("instanceView"))
                    {
                        member.WriteTo(writer);
                        continue;
                    }
                    writer.WritePropertyName(member.Name);
                    instanceView.WriteTo(writer);
                    replaced = true;
                }
            }
            if (!replaced)
            {
                writer.WritePropertyName("instanceView");
                instanceView.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
    }
}
