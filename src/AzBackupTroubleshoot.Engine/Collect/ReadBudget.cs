using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// The engine's estimate of one subscription's ARM read bucket, so it can slow down before the bucket is empty
    /// instead of after a 429. ARM reports the whole tokens left in x-ms-ratelimit-remaining-subscription-reads; between
    /// answers the estimate refills at the documented rate and loses one token per request sent. Until a first answer
    /// carries the header nothing is paced (ARM without the header, or the emulator without its throttling model).
    /// While a normal read waits for a token, low-priority reads take none: the lists go first when the bucket is short.
    /// </summary>
    internal sealed class ReadBudget
    {
        /// <summary>ARM's documented subscription read bucket ("Understand how Azure Resource Manager throttles requests").</summary>
        public const int DocumentedCapacity = 250;
        public const double DocumentedRefillPerSecond = 25;

        /// <summary>Tokens left untouched, for answers still on their way that the last header did not count yet.</summary>
        private const double Reserve = 2;

        private readonly Func<TimeSpan> _clock;
        private readonly object _sync = new object();
        private bool _known;
        private double _tokens = DocumentedCapacity;
        private TimeSpan _updatedAt;
        private TimeSpan _blockedUntil;
        private int _inFlight;
        private int _normalWaiting;

        public ReadBudget(Func<TimeSpan>? clock = null)
        {
            var watch = Stopwatch.StartNew();
            _clock = clock ?? (() => watch.Elapsed);
        }

        /// <summary>Until when the last pause this budget asked for lasts (for progress).</summary>
        public TimeSpan WaitingUntil { get; private set; }

        public TimeSpan Now => _clock();

        /// <summary>Waits until a read may go and takes its token (see <see cref="TryTake"/>).</summary>
        public async Task TakeAsync(RequestPriority priority, CancellationToken ct)
        {
            var wait = TryTake(priority);
            if (wait == TimeSpan.Zero) return;
            using (WaitingAs(priority))
                for (; wait > TimeSpan.Zero; wait = TryTake(priority))
                    await Task.Delay(wait, ct).ConfigureAwait(false);
        }

        public void Take(RequestPriority priority, CancellationToken ct)
        {
            var wait = TryTake(priority);
            if (wait == TimeSpan.Zero) return;
            using (WaitingAs(priority))
                for (; wait > TimeSpan.Zero; wait = TryTake(priority))
                {
                    ct.WaitHandle.WaitOne(wait);
                    ct.ThrowIfCancellationRequested();
                }
        }

        /// <summary>Zero when a read may go now (its token is taken), else how long to wait before asking again.</summary>
        /// <param name="priority">Low: none is taken while a normal read waits in <see cref="TakeAsync"/> or <see cref="Take"/>.</param>
        public TimeSpan TryTake(RequestPriority priority = RequestPriority.Normal)
        {
            lock (_sync)
            {
                var now = _clock();
                Refill(now);
                var wait = TimeSpan.Zero;
                if (now < _blockedUntil) wait = _blockedUntil - now;
                else if (_known && _tokens - 1 < Reserve) wait = TimeSpan.FromSeconds((Reserve + 1 - _tokens) / DocumentedRefillPerSecond);
                else if (priority == RequestPriority.Low && _normalWaiting > 0) wait = OneToken;
                if (wait > TimeSpan.Zero)
                {
                    if (now + wait > WaitingUntil) WaitingUntil = now + wait;
                    return wait;
                }
                _tokens -= 1;
                _inFlight++;
                return TimeSpan.Zero;
            }
        }

        /// <summary>A read taken with <see cref="TryTake"/> was answered (or failed without an answer: both null).</summary>
        public void Answered(int? remaining, TimeSpan? retryAfter)
        {
            lock (_sync)
            {
                var now = _clock();
                _inFlight--;
                if (remaining is int left)
                {
                    _known = true;
                    _tokens = left - _inFlight; // the reads still out were probably not counted in this answer yet
                    _updatedAt = now;
                }
                if (retryAfter is TimeSpan after)
                {
                    _known = true;
                    _tokens = Math.Min(_tokens, 0);
                    _updatedAt = now;
                    if (now + after > _blockedUntil) _blockedUntil = now + after;
                    if (_blockedUntil > WaitingUntil) WaitingUntil = _blockedUntil;
                }
            }
        }

        private static readonly TimeSpan OneToken = TimeSpan.FromSeconds(1 / DocumentedRefillPerSecond);

        /// <summary>A normal read counts as waiting until it has its token; a low one is not counted.</summary>
        private IDisposable? WaitingAs(RequestPriority priority)
        {
            if (priority != RequestPriority.Normal) return null;
            lock (_sync) _normalWaiting++;
            return new Waiting(this);
        }

        private sealed class Waiting : IDisposable
        {
            private ReadBudget? _budget;

            public Waiting(ReadBudget budget) => _budget = budget;

            public void Dispose()
            {
                var budget = Interlocked.Exchange(ref _budget, null);
                if (budget != null) lock (budget._sync) budget._normalWaiting--;
            }
        }

        private void Refill(TimeSpan now)
        {
            if (now <= _updatedAt) return;
            _tokens = Math.Min(DocumentedCapacity, _tokens + (now - _updatedAt).TotalSeconds * DocumentedRefillPerSecond);
            _updatedAt = now;
        }
    }
}
