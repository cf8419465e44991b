using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>Where a live scan takes its inventory lists from.</summary>
    public enum InventorySourceKind
    {
        /// <summary>Resource Graph when the scan spans more than <see cref="InventorySources.AutoThreshold"/> subscriptions, else ARM.</summary>
        Auto,
        /// <summary>ARM list calls per subscription (<see cref="ArmInventoryCollector"/>).</summary>
        Arm,
        /// <summary>Azure Resource Graph for the lists (<see cref="ResourceGraphInventorySource"/>).</summary>
        ResourceGraph,
    }

    public static class InventorySources
    {
        /// <summary>
        /// Above this many subscriptions, auto reads the lists from Resource Graph. The ARM collector sends about 12 lists
        /// per subscription (plus one per vault and page); Resource Graph sends 11 queries (plus one per further 1,000 rows of a type) for
        /// up to 1,000 subscriptions, and ARM still 3 lists per subscription (statusOnly VMs, locks, policy assignments).
        /// At 5 subscriptions ARM costs about 65 requests, spread over 5 separate read buckets, and Resource Graph about 27 plus its
        /// tenant-wide quota (15 queries per 5 s per user) shared by every scan the user runs: below that the saving
        /// does not pay for drawing on the shared quota (docs/performance.md).
        /// </summary>
        public const int AutoThreshold = 5;

        public static InventorySourceKind Resolve(InventorySourceKind kind, ScanScope scope)
            => kind != InventorySourceKind.Auto ? kind
                : scope.AllSubscriptions().Count > AutoThreshold ? InventorySourceKind.ResourceGraph : InventorySourceKind.Arm;

        /// <summary>The source for <paramref name="options"/>'s <see cref="ScanOptions.InventorySource"/>, chosen when the scope is known.</summary>
        public static IInventorySource Create(ArmConnection connection, ScanOptions options) => new Selected(connection, options);

        private sealed class Selected : IInventorySource
        {
            private readonly ArmConnection _connection;
            private readonly ScanOptions _options;

            public Selected(ArmConnection connection, ScanOptions options)
            {
                _connection = connection;
                _options = options;
            }

            public IAsyncEnumerable<ScanEvent> CollectAsync(ScanScope scope, CancellationToken cancellationToken = default)
                => Resolve(_options.InventorySource, scope) == InventorySourceKind.ResourceGraph
                    ? new ResourceGraphInventorySource(_connection, _options).CollectAsync(scope, cancellationToken)
                    : new ArmInventoryCollector(_connection, _options).CollectAsync(scope, cancellationToken);
        }
    }

    /// <summary>
    /// The inventory lists of every subscription in the scope from Azure Resource Graph (VMs, disks, NICs, NSGs, VNets,
    /// restore point collections, vaults and key vaults from the Resources table; protected items, policies and 14 days
    /// of jobs from RecoveryServicesResources), then ARM per subscription only for what Resource Graph lacks: the VMs'
    /// run-time status (the statusOnly list), management locks, policy assignments and the restore points of each collection. The
    /// inventories are the ARM collector's (same builder, same streaming), so every check gives the same verdict.
    /// </summary>
    public sealed class ResourceGraphInventorySource : IInventorySource
    {
        private readonly ArmConnection _connection;
        private readonly ScanOptions _options;

        public ResourceGraphInventorySource(ArmConnection connection, ScanOptions? options = null)
        {
            _connection = connection;
            _options = options ?? new ScanOptions();
        }

        /// <summary>Queries to send instead of the built-in ones (tests only).</summary>
        internal IReadOnlyList<string>? QueryOverride { get; set; }

        public async IAsyncEnumerable<ScanEvent> CollectAsync(ScanScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (scope.IsEmpty) throw new ArgumentException("Nothing to scan: give VM ids, resource groups or subscriptions.");
            // One progress for both: the queries' pages are reported while the collector's loop reports the rest.
            var progress = ArmInventoryCollector.NewProgress(_connection, scope);
            var reader = new ResourceGraphReader(_connection.Json, _options.Clock(), _connection.GraphQuota, progress) { QueryOverride = QueryOverride };
            // The queries run while each subscription's own ARM lists (statusOnly VMs, locks, policy assignments) are read;
            // each subscription's collector takes its rows as they come (SubscriptionPreload).
            var (preloads, reading) = reader.Start(scope.AllSubscriptions(), cancellationToken);
            var arm = new ArmInventoryCollector(_connection, _options) { Preload = s => preloads[s], Progress = progress };
            try
            {
                await foreach (var evt in arm.CollectAsync(scope, cancellationToken).ConfigureAwait(false)) yield return evt;
            }
            finally
            {
                // Observed either way (a failure without an answer already ended the scan through the collectors).
                try { await reading.ConfigureAwait(false); } catch (Exception) when (reading.IsFaulted || reading.IsCanceled) { }
            }
        }
    }
}
