using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
            var progress = new ScanProgress(subscriptions.Count, _connection.Traffic.LongestWait);
            yield return progress.Snapshot();

            var collecting = new CompletionQueue<SubscriptionCollector>();
            foreach (var subscriptionId in subscriptions) collecting.Add(CollectSubscriptionAsync(subscriptionId, scope, progress, cancellationToken));
            var shown = progress.Version;
            while (collecting.Pending > 0)
            {
                var finished = await collecting.NextAsync(ProgressInterval, cancellationToken).ConfigureAwait(false);
                if (finished != null)
                {
                    var collector = await finished.ConfigureAwait(false);
                    foreach (var error in collector.Errors) yield return error;
                    if (collector.Readable)
                    {
                        foreach (var evt in Inventories(collector, scope, progress))
                        {
                            yield return evt;
                            if (evt is InventoryEvent) progress.VmEvaluated();
                        }
                    }
                }
                // Between subscriptions, at most one progress event per interval, when something moved or the scan waits.
                if (progress.Version != shown || progress.IsThrottled)
                {
                    shown = progress.Version;
                    yield return progress.Snapshot();
                }
            }
        }

        /// <summary>How often progress is reported while reads are under way.</summary>
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// Each subscription reads in a lane of its own (its own concurrency budget; its pacing and Retry-After waits are
        /// its own, see <see cref="ArmTraffic"/>), so a throttled subscription never holds up another.
        /// </summary>
        private async Task<SubscriptionCollector> CollectSubscriptionAsync(string subscriptionId, ScanScope scope, ScanProgress progress, CancellationToken ct)
        {
            var reader = new BoundedArmReader(_connection.Json, _connection.Options.MaxConcurrency);
            var collector = new SubscriptionCollector(reader, subscriptionId, scope, _options.Clock(), _options.CountRestorePoints, progress);
            await collector.CollectAsync(ct).ConfigureAwait(false);
            return collector;
        }

        private IEnumerable<ScanEvent> Inventories(SubscriptionCollector collector, ScanScope scope, ScanProgress progress)
        {
            var builder = new InventoryBuilder(collector.Set);
            foreach (var vm in collector.Set.OfType(ResourceTypes.VirtualMachine).Where(v => scope.Contains(v.Id())))
                yield return new InventoryEvent(builder.Build(vm));

            // VMs a vault still protects but ARM no longer has.
            var missingProtected = builder.MissingProtectedVmIds().Where(scope.Contains).ToList();
            progress.VmsFound(missingProtected.Count);
            foreach (var vmId in missingProtected)
                yield return new InventoryEvent(builder.BuildMissing(vmId));

            foreach (var vmId in collector.MissingVms.Where(id => !missingProtected.Any(m => ArmIds.Same(m, id))))
                yield return new ScopeErrorEvent(vmId, "VirtualMachineNotFound", ScopeErrorKind.NotFound,
                    $"The virtual machine {vmId} does not exist, and no Recovery Services vault in its subscription protects it. Check the name, resource group and subscription.");
        }
    }
}
