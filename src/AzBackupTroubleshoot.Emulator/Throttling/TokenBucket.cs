using System;

namespace AzBackupTroubleshoot.Emulator.Throttling;

/// <summary>A token bucket: full at the start, one token per request, refilled continuously. Not thread-safe.</summary>
internal sealed class TokenBucket
{
    private readonly BucketLimit _limit;
    private double _tokens;
    private TimeSpan _updatedAt;

    public TokenBucket(BucketLimit limit, TimeSpan now)
    {
        _limit = limit;
        _tokens = limit.Capacity;
        _updatedAt = now;
    }

    /// <summary>Takes a token if one is there: true with the whole tokens left, or false with the wait until the next.</summary>
    public bool TryTake(TimeSpan now, out int remaining, out TimeSpan retryAfter)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            remaining = (int)Math.Floor(_tokens);
            retryAfter = TimeSpan.Zero;
            return true;
        }
        remaining = 0;
        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _limit.RefillPerSecond);
        return false;
    }

    private void Refill(TimeSpan now)
    {
        if (now <= _updatedAt) return;
        _tokens = Math.Min(_limit.Capacity, _tokens + (now - _updatedAt).TotalSeconds * _limit.RefillPerSecond);
        _updatedAt = now;
    }
}
