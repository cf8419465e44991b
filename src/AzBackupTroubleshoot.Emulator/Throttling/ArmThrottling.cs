using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AzBackupTroubleshoot.Emulator.Throttling;

/// <summary>What the throttling model decided for one request.</summary>
internal readonly record struct ThrottleDecision(bool Allowed, string HeaderName, int Remaining, TimeSpan RetryAfter);

/// <summary>
/// ARM's subscription throttling: a bucket per subscription, principal and operation type (reads, writes, deletes).
/// A request that finds its bucket empty is answered 429 with Retry-After; every answer carries
/// x-ms-ratelimit-remaining-subscription-{reads|writes|deletes} (tenant-… for requests outside a subscription).
/// The principal is the bearer token's identity; only a hash of the token is kept.
/// </summary>
internal sealed class ArmThrottling
{
    private readonly ThrottlingLimits _limits;
    private readonly Func<TimeSpan> _clock;
    private readonly Dictionary<(string Scope, string Principal, string Kind), TokenBucket> _buckets = new();
    private readonly object _sync = new();

    public ArmThrottling(ThrottlingLimits limits, Func<TimeSpan>? clock = null)
    {
        _limits = limits;
        var watch = Stopwatch.StartNew();
        _clock = clock ?? (() => watch.Elapsed);
    }

    public ThrottleDecision Take(string method, string? subscriptionId, string bearerToken)
    {
        var kind = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => "reads",
            "DELETE" => "deletes",
            _ => "writes", // PUT, PATCH and POST (actions count as writes in ARM's headers)
        };
        var limit = kind switch { "reads" => _limits.Reads, "deletes" => _limits.Deletes, _ => _limits.Writes };
        var scope = subscriptionId?.ToLowerInvariant() ?? "";
        var header = $"x-ms-ratelimit-remaining-{(subscriptionId == null ? "tenant" : "subscription")}-{kind}";
        var key = (scope, PrincipalOf(bearerToken), kind);
        lock (_sync)
        {
            var now = _clock();
            if (!_buckets.TryGetValue(key, out var bucket)) _buckets[key] = bucket = new TokenBucket(limit, now);
            var allowed = bucket.TryTake(now, out var remaining, out var retryAfter);
            return new ThrottleDecision(allowed, header, remaining, retryAfter);
        }
    }

    private static string PrincipalOf(string token)
    {
        using var sha = SHA256.Create();
        return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(token)), 0, 8);
    }
}
