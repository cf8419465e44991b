using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot
{
    /// <summary>
    /// The front door for "will this VM's backup fail, and why?": joins an inventory source (ARM, or a saved inventory)
    /// to the check runner. Inventories stream in as each subscription's data completes; each VM's results follow at once.
    /// </summary>
    public sealed class ReadinessScanner
    {
        private readonly ArmConnection? _connection;
        private readonly Func<ScanOptions, IInventorySource> _source;
        private readonly IReadOnlyList<ReadinessCheck> _checks;

        /// <summary>A live scan of ARM through <paramref name="connection"/>.</summary>
        /// <param name="include">Check ids or wildcards to run (all when null/empty, unless tags are given).</param>
        /// <param name="exclude">Check ids or wildcards to leave out.</param>
        /// <param name="tags">Run the checks carrying any of these tags (as well as those in <paramref name="include"/>).</param>
        public ReadinessScanner(ArmConnection connection, IEnumerable<string>? include = null, IEnumerable<string>? exclude = null, IEnumerable<string>? tags = null)
        {
            _connection = connection;
            _source = options => InventorySources.Create(connection, options);
            _checks = CheckCatalog.Select(include, exclude, tags);
        }

        /// <summary>A scan of inventories from <paramref name="source"/> (a saved inventory, say) with the given checks.</summary>
        public ReadinessScanner(IInventorySource source, IReadOnlyList<ReadinessCheck> checks)
        {
            _source = _ => source;
            _checks = checks;
        }

        /// <summary>The ARM connection of a live scan.</summary>
        public ArmConnection Connection => _connection ?? throw new InvalidOperationException("This scan reads a saved inventory; it has no ARM connection.");

        /// <summary>Collection and evaluation options (restore point counting, Backup's key vault identity, culture, clock).</summary>
        public ScanOptions Options { get; set; } = new ScanOptions();

        public async IAsyncEnumerable<ScanEvent> ScanAsync(ScanScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var context = Options.EvaluationContext();
            // A VM's checks run in three steps, whatever the source: those that read only the VM (model and instance view),
            // then those that read its subscription's other lists, then those that read restore points; catalog order
            // within a step. A streaming source sends a VM's inventory as those parts come in (PartialInventoryEvent); each
            // step runs at the first event that has what it reads, and the results' order is the same either way.
            var steps = new[] { ReadinessStep.VmAlone, ReadinessStep.WithLists, ReadinessStep.WithRestorePoints }
                .Select(step => new CheckRunner<VmInventory>(_checks.Where(c => c.Step == step).ToList(), context)).ToArray();
            var done = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // steps run so far, per VM
            // The complete inventories (after the restore points) go to the last step's checks only: a VM waiting for its
            // restore points need keep no more than they read.
            var options = Options.KeepingAfterRestorePoints(_checks.Where(c => c.Step == ReadinessStep.WithRestorePoints).SelectMany(c => c.Reads));
            await foreach (var evt in _source(options).CollectAsync(scope, cancellationToken).ConfigureAwait(false))
            {
                var (inventory, upTo) = evt switch
                {
                    PartialInventoryEvent { OnlyTheVm: true } p => (p.Inventory, ReadinessStep.VmAlone),
                    PartialInventoryEvent p => (p.Inventory, ReadinessStep.WithLists),
                    InventoryEvent i => (i.Inventory, ReadinessStep.WithRestorePoints),
                    _ => ((VmInventory?)null, ReadinessStep.WithRestorePoints),
                };
                if (inventory == null)
                {
                    yield return evt;
                    continue;
                }
                done.TryGetValue(inventory.VmId, out var from);
                for (var step = from; step <= (int)upTo; step++)
                    foreach (var result in steps[step].Run(inventory)) yield return new ResultEvent(result);
                if (upTo == ReadinessStep.WithRestorePoints) done.Remove(inventory.VmId);
                else done[inventory.VmId] = (int)upTo + 1;
            }
        }
    }
}
