using System;
using System.Collections.Generic;
using System.Globalization;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// How a scan collects and evaluates, beyond its scope and its checks. Collection reads <see cref="CountRestorePoints"/>
    /// and the clock (the job history window); the rest reaches the checks as their <see cref="EvaluationContext"/>, never
    /// inside the inventory.
    /// </summary>
    public sealed class ScanOptions
    {
        /// <summary>
        /// Whether to read every restore point collection with $expand=restorePoints (one request per collection, the
        /// only per-VM cost of a scan). Off, the restore-point limit check reports Skipped and a fleet scan stays at a
        /// few list calls per subscription and vault.
        /// </summary>
        public bool CountRestorePoints { get; set; } = true;

        /// <summary>
        /// Where a live scan reads its inventory lists: ARM per subscription (the default for the engine's callers), Azure
        /// Resource Graph, or Auto (Resource Graph above <see cref="InventorySources.AutoThreshold"/> subscriptions; the
        /// fronts' default).
        /// </summary>
        public InventorySourceKind InventorySource { get; set; } = InventorySourceKind.Arm;

        /// <summary>
        /// Object ids of the Backup Management Service's service principal in the tenant. ARM lists key vault access
        /// policies by object id only; with this the key vault check can tell Backup's policy apart (find it with
        /// Get-AzADServicePrincipal -ApplicationId 262044b1-e2ce-469f-a196-69ab7ada62d3).
        /// </summary>
        public IReadOnlyList<string> BackupServiceObjectIds { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The culture the results' titles, messages and fixes are rendered for: it-* Italian, pt-* Portuguese, anything
        /// else English. By default the UI culture, so a PowerShell session gets its own language.
        /// </summary>
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        /// <summary>The time checks compare against (job age) and the job history window ends at; tests pin it.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// The parts a VM's complete inventory (its <see cref="InventoryEvent"/> after its restore points) must carry; null,
        /// every part. The scanner sets it to what its restore point checks read, so a VM waiting for its restore points
        /// does not hold its model, disks and network (about half its memory) when nothing will read them again.
        /// </summary>
        internal IReadOnlyCollection<string>? PartsAfterRestorePoints { get; private set; }

        /// <summary>These options, with complete inventories that carry only <paramref name="parts"/>.</summary>
        internal ScanOptions KeepingAfterRestorePoints(IEnumerable<string> parts)
        {
            var copy = (ScanOptions)MemberwiseClone();
            copy.PartsAfterRestorePoints = new HashSet<string>(parts, StringComparer.OrdinalIgnoreCase);
            return copy;
        }

        /// <summary>What the checks are told: the clock's time now, the culture's language, Backup's object ids.</summary>
        public EvaluationContext EvaluationContext() => Checks.EvaluationContext.For(Culture, Clock(), BackupServiceObjectIds);
    }
}
