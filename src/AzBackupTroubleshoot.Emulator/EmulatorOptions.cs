using System;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>How the emulator listens and paces itself. Values given here win over the scenario's settings.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port;

    /// <summary>Added to every request (on top of the scenario's latencyMs), to make timing visible in benchmarks.</summary>
    public TimeSpan Latency;

    /// <summary>Items per page in list answers; null leaves it to the scenario's pageSize, else to ARM's own (<see cref="Http.ArmPageSizes"/>).</summary>
    public int? PageSize;

    /// <summary>
    /// ARM's throttling model (token buckets per subscription and principal, 429 + Retry-After when empty); null leaves
    /// it to the scenario's "throttling" setting, which is off unless the scenario turns it on.
    /// </summary>
    public Emulator.Throttling.ThrottlingLimits? Throttling;

    /// <summary>Resource Graph's per-user query quota; null leaves it to the scenario's "resourceGraphThrottling" setting (off by default).</summary>
    public Emulator.Throttling.ResourceGraphLimits? ResourceGraphThrottling;

    /// <summary>Rows per Resource Graph page at most (below the service's 1,000); null leaves it to the scenario's "resourceGraphPageSize".</summary>
    public int? ResourceGraphPageSize;
}
