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
        private int _collectionsTotal;
        private int _collectionsRead;
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
        public void CollectionsFound(int count) => Bump(ref _collectionsTotal, count);
        public void CollectionRead() => Bump(ref _collectionsRead, 1);

        public ProgressEvent Snapshot()
        {
            int subsRead = Volatile.Read(ref _subscriptionsRead), found = Volatile.Read(ref _vmsFound), evaluated = Volatile.Read(ref _vmsEvaluated);
            int rpcTotal = Volatile.Read(ref _collectionsTotal), rpcRead = Volatile.Read(ref _collectionsRead);
            var throttling = _throttling();
            TimeSpan? wait = throttling?.Wait;
            var throttled = throttling?.SubscriptionId;

            // Every subscription's lists, every restore point read and every VM's evaluation weigh one unit each.
            var units = _subscriptionsTotal + rpcTotal + found;
            var percent = units == 0 ? 0 : (int)(100L * (subsRead + rpcRead + evaluated) / units);
            percent = Math.Max(Volatile.Read(ref _lastPercent), Math.Min(100, percent)); // totals grow: never go back
            Volatile.Write(ref _lastPercent, percent);

            return new ProgressEvent(Activity, Status(subsRead, found, evaluated, rpcTotal, rpcRead, wait, throttled), percent)
            {
                SubscriptionsTotal = _subscriptionsTotal,
                SubscriptionsRead = subsRead,
                VmsFound = found,
                VmsEvaluated = evaluated,
                VmsEvaluatedBeforeRestorePoints = Volatile.Read(ref _vmsEarly),
                RestorePointCollectionsTotal = rpcTotal,
                RestorePointCollectionsRead = rpcRead,
                ThrottlingWait = wait,
                ThrottledSubscription = throttled,
            };
        }

        private string Status(int subsRead, int found, int evaluated, int rpcTotal, int rpcRead, TimeSpan? wait, string? throttled)
        {
            var c = CultureInfo.InvariantCulture;
            var text = string.Format(c, "{0} of {1} subscription(s) read, {2:N0} of {3:N0} VM(s) evaluated", subsRead, _subscriptionsTotal, evaluated, found);
            var early = Volatile.Read(ref _vmsEarly);
            if (early > 0) text += string.Format(c, " ({0:N0} first without their restore points)", early);
            if (rpcTotal > 0) text += string.Format(c, ", {0:N0} of {1:N0} restore point collection(s) read", rpcRead, rpcTotal);
            if (wait is TimeSpan w) text += string.Format(c, "; throttled by ARM, waiting {0:F1} s on subscription {1}", w.TotalSeconds, throttled);
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
