using System;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Throttling;

/// <summary>One token bucket's shape: how many requests it holds and how many tokens come back per second.</summary>
public sealed record BucketLimit(int Capacity, double RefillPerSecond);

/// <summary>
/// ARM's subscription limits as token buckets, per subscription and principal, one bucket per operation type.
/// <see cref="Arm"/> are the documented numbers ("Understand how Azure Resource Manager throttles requests",
/// learn.microsoft.com, azure-resource-manager/management/request-limits-and-throttling: reads 250 refilled at
/// 25/s, writes and deletes 200 refilled at 10/s). Requests without a subscription count against the principal's
/// tenant buckets, which have the same numbers.
/// </summary>
public sealed record ThrottlingLimits(BucketLimit Reads, BucketLimit Writes, BucketLimit Deletes)
{
    public static ThrottlingLimits Arm { get; } = new(new BucketLimit(250, 25), new BucketLimit(200, 10), new BucketLimit(200, 10));

    /// <summary>
    /// The scenario's "throttling" setting: true for ARM's numbers, or an object overriding some of them, e.g.
    /// {"reads":{"capacity":20,"refillPerSecond":10}}. Absent or false: no throttling.
    /// </summary>
    internal static ThrottlingLimits? FromJson(JsonNode? json)
    {
        if (json is JsonValue value) return value.TryGetValue<bool>(out var on) && on ? Arm : null;
        if (json is not JsonObject o) return null;
        return new ThrottlingLimits(Bucket(o["reads"], Arm.Reads), Bucket(o["writes"], Arm.Writes), Bucket(o["deletes"], Arm.Deletes));
    }

    private static BucketLimit Bucket(JsonNode? json, BucketLimit fallback)
    {
        if (json is not JsonObject o) return fallback;
        var capacity = (int?)o["capacity"] ?? fallback.Capacity;
        var refill = (double?)o["refillPerSecond"] ?? fallback.RefillPerSecond;
        if (capacity < 1 || refill <= 0) throw new FormatException("A throttling bucket needs a capacity of at least 1 and a refill rate above 0.");
        return new BucketLimit(capacity, refill);
    }
}
