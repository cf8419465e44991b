using System;
using System.Collections.Generic;
using System.Threading;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

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

        /// <summary>
        /// Whether to read every restore point collection with $expand=restorePoints (one request per collection, the
        /// only per-VM cost of a scan). Off, the restore-point limit check reports Skipped and a fleet scan stays at a
        /// few list calls per subscription.
        /// </summary>
        public bool CountRestorePoints { get; set; } = true;

        /// <summary>The time checks compare against (job age, job history window); tests pin it.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        public IAsyncEnumerable<ScanEvent> ScanAsync(ScanScope scope, CancellationToken cancellationToken = default)
            => new ArmInventoryCollector(_connection, Clock, CountRestorePoints).ScanAsync(scope, new CheckRunner(_checks), cancellationToken);
    }
}
