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
    private long _peakHeap;

    public MemorySampler() => _sampling = SampleAsync();

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
    }

    public async ValueTask DisposeAsync()
    {
        Sample();
        _stop.Cancel();
        await _sampling;
        _stop.Dispose();
    }
}
