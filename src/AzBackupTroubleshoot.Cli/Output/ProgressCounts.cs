using System;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>The counts <see cref="ScanProgress"/> draws, read from the engine's <see cref="ProgressEvent"/>.</summary>
    internal sealed record ProgressCounts
    {
        public int SubscriptionsTotal { get; init; }
        public int SubscriptionsRead { get; init; }
        public int VmsFound { get; init; }
        public int VmsEvaluated { get; init; }
        public int RestorePointCollectionsTotal { get; init; }
        public int RestorePointCollectionsRead { get; init; }
        public TimeSpan? ThrottlingWait { get; init; }
        public string? ThrottledSubscription { get; init; }

        public static ProgressCounts From(ProgressEvent e)
            => e.PercentComplete < 0 ? new ProgressCounts() : new ProgressCounts { SubscriptionsTotal = 100, SubscriptionsRead = e.PercentComplete };
    }
}
