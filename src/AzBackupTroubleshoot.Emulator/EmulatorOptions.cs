using System;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>How the emulator listens and paces itself. Values given here win over the scenario's settings.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port;

    /// <summary>Added to every request (on top of the scenario's latencyMs), to make timing visible in benchmarks.</summary>
    public TimeSpan Latency;

    /// <summary>Items per page in list answers; the scenario's pageSize is used when this is left at its default.</summary>
    public int PageSize = DefaultPageSize;

    internal const int DefaultPageSize = 100;
}
