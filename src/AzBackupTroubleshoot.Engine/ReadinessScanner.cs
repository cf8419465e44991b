using System;
using System.Collections.Generic;
using System.Threading;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot
{
    /// <summary>
    /// The front door for "will this VM's backup fail, and why?": collects the scope in bulk, builds each VM's inventory,
    /// runs the selected checks and streams results as each subscription's data completes.
    /// </summary>
    public sealed class ReadinessScanner
    {
        private readonly ArmConnection _connection;
        private readonly IReadOnlyList<ReadinessCheck> _checks;

        /// <param name="include">Check ids or wildcards to run (all when null/empty).</param>
        /// <param name="exclude">Check ids or wildcards to leave out.</param>
        public ReadinessScanner(ArmConnection connection, IEnumerable<string>? include = null, IEnumerable<string>? exclude = null)
        {
            _connection = connection;
            _checks = CheckCatalog.Select(include, exclude);
        }

        public ArmConnection Connection => _connection;

        /// <summary>Collection and evaluation options (restore point counting, Backup's key vault identity, culture, clock).</summary>
        public ScanOptions Options { get; set; } = new ScanOptions();

        public IAsyncEnumerable<ScanEvent> ScanAsync(ScanScope scope, CancellationToken cancellationToken = default)
            => new ArmInventoryCollector(_connection, Options).ScanAsync(scope, new CheckRunner<VmInventory>(_checks, Options.EvaluationContext()), cancellationToken);
    }
}
