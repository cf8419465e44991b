using System;
using System.Globalization;
using System.Threading;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// The counters of one scan, bumped by the subscription collectors from any thread and turned into
    /// <see cref="ProgressEvent"/>s by the collector's loop.
    /// </summary>
    internal sealed class ScanProgress
    {
        public const string Activity = "Reading Azure VM backup state";

        private readonly int _subscriptionsTotal;
        private int _subscriptionsRead;
        private int _vmsFound;
        private int _vmsEvaluated;
        private int _vmsEarly;
        private int _vmsAlone;
        private int _collectionsTotal;
        private int _collectionsRead;
        private int _graphQueriesTotal;
        private int _graphQueriesDone;
        private int _graphRowsRead;
        private int _version;
        private int _lastPercent;
        private readonly Func<(string SubscriptionId, TimeSpan Wait)?> _throttling;

        /// <param name="throttling">The longest pause for ARM's throttling under way now, if any.</param>
        public ScanProgress(int subscriptionsTotal, Func<(string SubscriptionId, TimeSpan Wait)?> throttling)
        {
            _subscriptionsTotal = subscriptionsTotal;
            _throttling = throttling;
        }

        /// <summary>Changes with every count; the loop emits a snapshot only when it moved (or while a throttling pause runs).</summary>
        public int Version => Volatile.Read(ref _version);

        public bool IsThrottled => _throttling() != null;

        public void SubscriptionRead() => Bump(ref _subscriptionsRead, 1);
        public void VmsFound(int count) => Bump(ref _vmsFound, count);
        public void VmEvaluated() => Bump(ref _vmsEvaluated, 1);
        public void VmEvaluatedBeforeRestorePoints() => Bump(ref _vmsEarly, 1);
        public void VmsReadAlone(int count) => Bump(ref _vmsAlone, count);
        public void CollectionsFound(int count) => Bump(ref _collectionsTotal, count);
        public void CollectionRead() => Bump(ref _collectionsRead, 1);
        public void GraphQueriesPlanned(int count) => Bump(ref _graphQueriesTotal, count);

        /// <summary>One Resource Graph page answered (or its query failed: no rows, no next page); a next page is one query more.</summary>
        public void GraphPageRead(int rows, bool morePages)
        {
            if (morePages) Interlocked.Increment(ref _graphQueriesTotal);
            Interlocked.Add(ref _graphRowsRead, rows);
            Bump(ref _graphQueriesDone, 1);
        }

        public ProgressEvent Snapshot()
        {
            int subsRead = Volatile.Read(ref _subscriptionsRead), found = Volatile.Read(ref _vmsFound), evaluated = Volatile.Read(ref _vmsEvaluated);
            int rpcTotal = Volatile.Read(ref _collectionsTotal), rpcRead = Volatile.Read(ref _collectionsRead);
            var throttling = _throttling();
            TimeSpan? wait = throttling?.Wait;
            var throttled = throttling?.SubscriptionId;

            int graphTotal = Volatile.Read(ref _graphQueriesTotal), graphDone = Volatile.Read(ref _graphQueriesDone), graphRows = Volatile.Read(ref _graphRowsRead);
            var snapshot = new ProgressEvent(Activity, "", 0)
            {
                SubscriptionsTotal = _subscriptionsTotal,
                SubscriptionsRead = subsRead,
                VmsFound = found,
                VmsEvaluated = evaluated,
                VmsEvaluatedBeforeRestorePoints = Volatile.Read(ref _vmsEarly),
                VmsWithVmChecksDone = Volatile.Read(ref _vmsAlone),
                RestorePointCollectionsTotal = rpcTotal,
                RestorePointCollectionsRead = rpcRead,
                ResourceGraphQueriesTotal = graphTotal,
                ResourceGraphQueriesDone = graphDone,
                ResourceGraphRowsRead = graphRows,
                ThrottlingWait = wait,
                ThrottledSubscription = throttled,
            };
            var percent = Math.Max(Volatile.Read(ref _lastPercent), snapshot.PercentDone(evaluated)); // totals grow: never go back
            Volatile.Write(ref _lastPercent, percent);
            return snapshot with { Status = Status(snapshot), PercentComplete = percent };
        }

        private static string Status(ProgressEvent p)
        {
            var c = CultureInfo.InvariantCulture;
            var text = string.Format(c, "{0} of {1} subscription(s) read, {2:N0} of {3:N0} VM(s) evaluated", p.SubscriptionsRead, p.SubscriptionsTotal, p.VmsEvaluated, p.VmsFound);
            if (p.VmsEvaluatedBeforeRestorePoints > 0) text += string.Format(c, " ({0:N0} first without their restore points)", p.VmsEvaluatedBeforeRestorePoints);
            if (p.ResourceGraphQueriesTotal > 0)
                text += string.Format(c, ", {0:N0} of {1:N0} Resource Graph quer(ies) answered ({2:N0} rows)", p.ResourceGraphQueriesDone, p.ResourceGraphQueriesTotal, p.ResourceGraphRowsRead);
            if (p.RestorePointCollectionsTotal > 0) text += string.Format(c, ", {0:N0} of {1:N0} restore point collection(s) read", p.RestorePointCollectionsRead, p.RestorePointCollectionsTotal);
            if (p.ThrottlingWait is TimeSpan w) text += string.Format(c, "; throttled by ARM, waiting {0:F1} s on subscription {1}", w.TotalSeconds, p.ThrottledSubscription);
            return text;
        }

        private void Bump(ref int counter, int by)
        {
            if (by == 0) return;
            Interlocked.Add(ref counter, by);
            Interlocked.Increment(ref _version);
        }
    }
}
