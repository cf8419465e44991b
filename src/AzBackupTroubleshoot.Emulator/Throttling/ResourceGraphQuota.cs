using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Throttling;

/// <summary>Resource Graph's per-user quota: so many queries per fixed window (documented example: 15 per 5 s).</summary>
public sealed record ResourceGraphLimits(int Queries, TimeSpan Window)
{
    /// <summary>"Guidance for throttled requests in Azure Resource Graph" (learn.microsoft.com): 15 queries per 5 seconds per user.</summary>
    public static ResourceGraphLimits Documented { get; } = new(15, TimeSpan.FromSeconds(5));

    /// <summary>"resourceGraphThrottling": true for the documented quota, or {"queries":n,"windowSeconds":s}; absent or false: none.</summary>
    internal static ResourceGraphLimits? FromJson(JsonNode? json)
    {
        if (json is JsonValue value) return value.TryGetValue<bool>(out var on) && on ? Documented : null;
        if (json is not JsonObject o) return null;
        var queries = (int?)o["queries"] ?? Documented.Queries;
        var seconds = (double?)o["windowSeconds"] ?? Documented.Window.TotalSeconds;
        if (queries < 1 || seconds <= 0) throw new FormatException("resourceGraphThrottling needs at least 1 query per window and a window above 0 seconds.");
        return new ResourceGraphLimits(queries, TimeSpan.FromSeconds(seconds));
    }
}

/// <summary>
/// Resource Graph's quota model: per principal (a hash of the bearer token), a window that starts with the first query;
/// every answer carries x-ms-user-quota-remaining and x-ms-user-quota-resets-after (hh:mm:ss); a query over the quota
/// is answered 429 with Retry-After (whole seconds, rounded up).
/// </summary>
internal sealed class ResourceGraphQuota
{
    public const string RemainingHeader = "x-ms-user-quota-remaining";
    public const string ResetsAfterHeader = "x-ms-user-quota-resets-after";

    private readonly ResourceGraphLimits _limits;
    private readonly Func<TimeSpan> _clock;
    private readonly Dictionary<string, (TimeSpan Start, int Used)> _windows = new();
    private readonly object _sync = new();

    public ResourceGraphQuota(ResourceGraphLimits limits, Func<TimeSpan>? clock = null)
    {
        _limits = limits;
        var watch = Stopwatch.StartNew();
        _clock = clock ?? (() => watch.Elapsed);
    }

    public (bool Allowed, int Remaining, TimeSpan ResetsAfter) Take(string principal)
    {
        lock (_sync)
        {
            var now = _clock();
            if (!_windows.TryGetValue(principal, out var window) || now - window.Start >= _limits.Window) window = (now, 0);
            var resetsAfter = window.Start + _limits.Window - now;
            if (window.Used >= _limits.Queries)
            {
                _windows[principal] = window;
                return (false, 0, resetsAfter);
            }
            window.Used++;
            _windows[principal] = window;
            return (true, _limits.Queries - window.Used, resetsAfter);
        }
    }

    public static string Format(TimeSpan span) => TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, span.TotalSeconds))).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
