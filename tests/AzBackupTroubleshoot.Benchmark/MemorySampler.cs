namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// The scanning process's memory while a row runs: the GC heap as the last collection left it (live data plus
/// fragmentation; what the process must keep), sampled every few milliseconds, and the bytes allocated in all. The
/// peak working set (the OS's figure) also counts the runtime, the code and heap the GC has not returned yet.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    private readonly bool _liveHeap;
    private long _peakHeap;
    private long _peakLive, _liveSum, _liveSamples;
    private DateTime _lastFull = DateTime.UtcNow;

    /// <param name="liveHeap">
    /// Also force a full collection every second and keep the largest live heap it leaves: what the scan holds, without
    /// the garbage a heap size includes (it slows the scan; for memory work, not for timings).
    /// </param>
    public MemorySampler(bool liveHeap = false)
    {
        _liveHeap = liveHeap;
        _sampling = SampleAsync();
    }

    /// <summary>The largest live heap a forced full collection left, MiB; null unless asked for.</summary>
    public double? PeakLiveHeapMiB => _liveHeap ? Interlocked.Read(ref _peakLive) / (1024.0 * 1024.0) : null;

    /// <summary>The mean of those live heaps, MiB: under the throttling model mostly the wait for the restore points.</summary>
    public double? MeanLiveHeapMiB => _liveHeap && _liveSamples > 0 ? (double)_liveSum / _liveSamples / (1024.0 * 1024.0) : null;

    /// <summary>The largest GC heap after a collection seen so far, MiB.</summary>
    public double PeakHeapMiB => Interlocked.Read(ref _peakHeap) / (1024.0 * 1024.0);

    /// <summary>Bytes allocated since the sampler started, MiB.</summary>
    public double AllocatedMiB => (GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart) / (1024.0 * 1024.0);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException) { }
    }

    private void Sample()
    {
        var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        if (heap > Interlocked.Read(ref _peakHeap)) Interlocked.Exchange(ref _peakHeap, heap);
        if (!_liveHeap || DateTime.UtcNow - _lastFull < TimeSpan.FromSeconds(1)) return;
        _lastFull = DateTime.UtcNow;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        if (live > Interlocked.Read(ref _peakLive)) Interlocked.Exchange(ref _peakLive, live);
        _liveSum += live;
        _liveSamples++;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampling;
        Sample(); // after the timer's loop: samples never overlap
        _stop.Dispose();
    }
}
