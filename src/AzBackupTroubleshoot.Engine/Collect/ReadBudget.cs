using System;
using System.Diagnostics;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// The engine's estimate of one subscription's ARM read bucket, so it can slow down before the bucket is empty
    /// instead of after a 429. ARM reports the whole tokens left in x-ms-ratelimit-remaining-subscription-reads; between
    /// answers the estimate refills at the documented rate and loses one token per request sent. Until a first answer
    /// carries the header nothing is paced (ARM without the header, or the emulator without its throttling model).
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

        public ReadBudget(Func<TimeSpan>? clock = null)
        {
            var watch = Stopwatch.StartNew();
            _clock = clock ?? (() => watch.Elapsed);
        }

        /// <summary>Until when the last pause this budget asked for lasts (for progress).</summary>
        public TimeSpan WaitingUntil { get; private set; }

        public TimeSpan Now => _clock();

        /// <summary>Zero when a read may go now (its token is taken), else how long to wait before asking again.</summary>
        public TimeSpan TryTake()
        {
            lock (_sync)
            {
                var now = _clock();
                Refill(now);
                var wait = TimeSpan.Zero;
                if (now < _blockedUntil) wait = _blockedUntil - now;
                else if (_known && _tokens - 1 < Reserve) wait = TimeSpan.FromSeconds((Reserve + 1 - _tokens) / DocumentedRefillPerSecond);
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

        private void Refill(TimeSpan now)
        {
            if (now <= _updatedAt) return;
            _tokens = Math.Min(DocumentedCapacity, _tokens + (now - _updatedAt).TotalSeconds * DocumentedRefillPerSecond);
            _updatedAt = now;
        }
    }
}
