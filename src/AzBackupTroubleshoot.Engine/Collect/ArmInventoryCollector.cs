using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Collects a scope from ARM: each subscription in bulk (subscriptions in parallel, bounded), then each VM's
    /// inventory, streamed as each subscription's data is complete. It evaluates nothing: <see cref="ReadinessScanner"/>
    /// joins it to the check runner; repairs and triage read its inventories directly.
    /// </summary>
    public sealed class ArmInventoryCollector : IInventorySource
    {
        private readonly ArmConnection _connection;
        private readonly ScanOptions _options;

        public ArmInventoryCollector(ArmConnection connection, ScanOptions? options = null)
        {
            _connection = connection;
            _options = options ?? new ScanOptions();
        }

        /// <summary>
        /// Collects the scope and streams one <see cref="InventoryEvent"/> per VM (including VMs a vault still protects
        /// but that no longer exist), plus scope errors and progress. Repairs use this to read before they plan.
        /// </summary>
        public async IAsyncEnumerable<ScanEvent> CollectAsync(ScanScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (scope.IsEmpty) throw new ArgumentException("Nothing to scan: give VM ids, resource groups or subscriptions.");
            var subscriptions = scope.AllSubscriptions();
            var progress = Progress ?? NewProgress(_connection, scope);
            yield return progress.Snapshot();

            var steps = new CollectionSteps();
            var roleReads = new RoleAssignmentReads(); // a key vault's role assignments are read once per scan
            foreach (var subscriptionId in subscriptions) steps.Add(CollectSubscriptionAsync(subscriptionId, scope, progress, steps, roleReads, cancellationToken));
            var streams = new Dictionary<SubscriptionCollector, SubscriptionStream>();
            var shown = progress.Version;
            while (steps.Running > 0)
            {
                var step = await steps.NextAsync(ProgressInterval, cancellationToken).ConfigureAwait(false);
                if (step?.Vms != null)
                {
                    // The checks that read only the VM can run now, before the subscription's other lists are in.
                    foreach (var vm in step.Vms) yield return PartialInventoryEvent.OfVmAlone(InventoryBuilder.BuildVmAlone(vm));
                    progress.VmsReadAlone(step.Vms.Count);
                }
                else if (step?.ListsIn == true)
                {
                    var stream = streams[step.Collector!] = new SubscriptionStream(step.Collector!, _options.PartsAfterRestorePoints);
                    foreach (var evt in stream.ListsIn(scope, progress)) yield return evt;
                }
                else if (step?.CollectionId != null)
                {
                    // No stream yet: read before the lists were in (Resource Graph's path), ListsIn takes it up (ReadBeforeLists);
                    // none at all: the subscription turned out unreadable.
                    if (streams.TryGetValue(step.Collector!, out var stream) && stream.CollectionRead(step.CollectionId) is ScanEvent complete)
                    {
                        yield return complete;
                        progress.VmEvaluated();
                    }
                }
                else if (step?.Finished != null)
                {
                    var collector = await step.Finished.ConfigureAwait(false);
                    foreach (var error in collector.Errors) yield return error;
                    if (collector.Readable && streams.TryGetValue(collector, out var stream))
                    {
                        streams.Remove(collector);
                        foreach (var evt in stream.Finish(scope, progress)) yield return evt;
                    }
                }
                // Between steps, at most one progress event per interval, when something moved or the scan waits.
                if (progress.Version != shown || progress.IsThrottled)
                {
                    shown = progress.Version;
                    yield return progress.Snapshot();
                }
            }
        }

        /// <summary>The counts to report; null starts new ones (a source that reads elsewhere too shares its own).</summary>
        internal ScanProgress? Progress { get; set; }

        internal static ScanProgress NewProgress(ArmConnection connection, ScanScope scope)
            => new ScanProgress(scope.AllSubscriptions().Count, connection.Traffic.LongestWait);

        /// <summary>Lists already read elsewhere (Resource Graph) for a subscription; null reads them from ARM.</summary>
        internal Func<string, SubscriptionPreload?>? Preload { get; set; }

        /// <summary>How often progress is reported while reads are under way.</summary>
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// Each subscription reads in a lane of its own (its own concurrency budget; its pacing and Retry-After waits are
        /// its own, see <see cref="ArmTraffic"/>), so a throttled subscription never holds up another.
        /// </summary>
        private async Task<SubscriptionCollector> CollectSubscriptionAsync(string subscriptionId, ScanScope scope, ScanProgress progress, ICollectionListener listener,
            RoleAssignmentReads roleReads, CancellationToken ct)
        {
            var reader = new BoundedArmReader(_connection.Json, _connection.Options.MaxConcurrency);
            var collector = new SubscriptionCollector(reader, subscriptionId, scope, _options.Clock(), _options.CountRestorePoints, progress, roleReads)
            {
                Listener = listener,
                Preload = Preload?.Invoke(subscriptionId),
            };
            await collector.CollectAsync(ct).ConfigureAwait(false);
            return collector;
        }

        /// <summary>
        /// One subscription's inventories as they become complete. When the lists are in, a VM without restore point
        /// collections to read is complete at once; a VM with some gets a <see cref="PartialInventoryEvent"/> then, and
        /// its <see cref="InventoryEvent"/> when the last of its collections has been read.
        /// </summary>
        private sealed class SubscriptionStream
        {
            private readonly SubscriptionCollector _collector;
            // A waiting VM's inventory is kept as text (InventoryFile.ToUtf8): 10,000 VMs can wait at once in one subscription.
            private readonly Dictionary<string, (byte[] Partial, HashSet<string> Pending)> _waiting = new Dictionary<string, (byte[], HashSet<string>)>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, string> _vmOfCollection = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            private readonly IReadOnlyCollection<string>? _partsKept;
            private List<VmInventory> _missingProtected = new List<VmInventory>();

            /// <param name="partsKept">What a VM waiting for its restore points keeps of its inventory; null, everything.</param>
            public SubscriptionStream(SubscriptionCollector collector, IReadOnlyCollection<string>? partsKept)
            {
                _collector = collector;
                _partsKept = partsKept;
            }

            /// <summary>Builds every VM's inventory from the lists (which no longer change), then lets the lists go.</summary>
            public IEnumerable<ScanEvent> ListsIn(ScanScope scope, ScanProgress progress)
            {
                var builder = new InventoryBuilder(_collector.Set);
                // One VM parsed at a time (the set keeps their text): the subscription's models are not all parsed at once.
                foreach (var vmId in _collector.Set.IdsOf(ResourceTypes.VirtualMachine))
                {
                    if (_collector.Set.Get(vmId) is not JsonElement vm || !scope.Contains(vm.Id())) continue;
                    var inventory = builder.Build(vm);
                    // Its own resources are in its inventory now: their text leaves the set as the loop goes, so the whole set
                    // and every waiting VM are never held at once (1 x 10,000 VMs: docs/performance.md, "Where the memory goes").
                    builder.ReleaseOwn(inventory.VmId);
                    var pending = _collector.ExpandsRestorePoints
                        ? new HashSet<string>(inventory.RestorePointCollections.Select(c => c.Id()).Where(id => !_collector.ReadBeforeLists.Contains(id)), StringComparer.OrdinalIgnoreCase)
                        : new HashSet<string>();
                    if (pending.Count == 0)
                    {
                        yield return new InventoryEvent(Complete(inventory));
                        progress.VmEvaluated();
                        continue;
                    }
                    _waiting[inventory.VmId] = (InventoryFile.ToUtf8(_partsKept == null ? inventory : inventory.WithOnly(_partsKept)), pending);
                    foreach (var id in pending) _vmOfCollection[id] = inventory.VmId;
                    yield return new PartialInventoryEvent(inventory);
                    progress.VmEvaluatedBeforeRestorePoints();
                }
                // VMs a vault still protects but ARM no longer has: built now, sent when the subscription is done.
                _missingProtected = builder.MissingProtectedVmIds().Where(scope.Contains).Select(builder.BuildMissing).ToList();
                _collector.ReleaseLists();
            }

            /// <summary>The VM's complete inventory when this was its last collection to read, else null.</summary>
            public ScanEvent? CollectionRead(string collectionId)
            {
                if (!_vmOfCollection.TryGetValue(collectionId, out var vmId) || !_waiting.TryGetValue(vmId, out var waiting)) return null;
                _vmOfCollection.Remove(collectionId);
                waiting.Pending.Remove(collectionId);
                if (waiting.Pending.Count > 0) return null;
                _waiting.Remove(vmId);
                return new InventoryEvent(Complete(InventoryFile.FromUtf8(waiting.Partial)));
            }

            /// <summary>What is left when the subscription is done: VMs still waiting (none, normally), deleted and missing VMs.</summary>
            public IEnumerable<ScanEvent> Finish(ScanScope scope, ScanProgress progress)
            {
                foreach (var waiting in _waiting.Values.ToList())
                {
                    yield return new InventoryEvent(Complete(InventoryFile.FromUtf8(waiting.Partial)));
                    progress.VmEvaluated();
                }
                _waiting.Clear();

                progress.VmsFound(_missingProtected.Count);
                foreach (var missing in _missingProtected)
                {
                    yield return new InventoryEvent(Complete(missing));
                    progress.VmEvaluated();
                }

                foreach (var vmId in _collector.MissingVms.Where(id => !_missingProtected.Any(m => ArmIds.Same(m.VmId, id))))
                    yield return new ScopeErrorEvent(vmId, "VirtualMachineNotFound", Errors.FailureKind.NotFound,
                        $"The virtual machine {vmId} does not exist, and no Recovery Services vault in its subscription protects it. Check the name, resource group and subscription.");
            }

            /// <summary>The partial inventory with its collections as re-read (a failed read leaves the listed one); taken, not kept.</summary>
            private VmInventory Complete(VmInventory partial)
                => partial.WithRestorePointCollections(partial.RestorePointCollections
                    .Select(c => _collector.ExpandedCollections.TryRemove(c.Id(), out var expanded) ? Json.ParseUtf8(expanded) : c).ToList());
        }
    }
}
