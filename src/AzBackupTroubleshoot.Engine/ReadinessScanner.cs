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
        private static bool NeedsRestorePoints(ReadinessCheck check) => check.Reads.Contains(InventoryParts.RestorePoints);

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
            var all = new CheckRunner<VmInventory>(_checks, context);
            // A source that streams sends a VM's inventory first without restore points: the checks that need none run
            // then, the rest when the same VM's complete inventory follows.
            var withoutRestorePoints = new CheckRunner<VmInventory>(_checks.Where(c => !NeedsRestorePoints(c)).ToList(), context);
            var onlyRestorePoints = new CheckRunner<VmInventory>(_checks.Where(NeedsRestorePoints).ToList(), context);
            var early = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var evt in _source(Options).CollectAsync(scope, cancellationToken).ConfigureAwait(false))
            {
                if (evt is PartialInventoryEvent partial)
                {
                    early.Add(partial.Inventory.VmId);
                    foreach (var result in withoutRestorePoints.Run(partial.Inventory)) yield return new ResultEvent(result);
                }
                else if (evt is InventoryEvent inventory)
                {
                    var runner = early.Remove(inventory.Inventory.VmId) ? onlyRestorePoints : all;
                    foreach (var result in runner.Run(inventory.Inventory)) yield return new ResultEvent(result);
                }
                else
                {
                    yield return evt;
                }
            }
        }
    }
}
