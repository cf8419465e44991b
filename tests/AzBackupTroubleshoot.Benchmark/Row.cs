using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>One row: start the emulator child, run the tool (or the baseline) over every subscription, measure.</summary>
public static class Row
{
    /// <summary>ARM's documented subscription read bucket: 250 requests, refilled at 25 per second.</summary>
    private const double Bucket = 250, RefillPerSecond = 25;

    /// <summary>Resource Graph's documented user quota: 15 queries per 5-second window.</summary>
    private const int GraphQuota = 15;
    private const double GraphWindowSeconds = 5;

    private const string GraphPath = "/providers/Microsoft.ResourceGraph/resources";

    public static async Task<Measurement> MeasureAsync(BenchArgs args)
    {
        // --request-log after --row keeps the emulator's log there (one JSON line per answer: LoggedRequest), for timelines.
        var requestLog = args.RequestLog ?? Path.Combine(Path.GetTempPath(), $"azbt-bench-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(Row).Assembly.Location);
        foreach (var a in new[] { "--serve", "--request-log", requestLog }.Concat(args.FleetArguments())) start.ArgumentList.Add(a);
        using var emulator = Process.Start(start)!;
        using var announced = JsonDocument.Parse((await emulator.StandardOutput.ReadLineAsync())!);
        var connection = ArmConnection.Create(new ArmConnectionOptions
        {
            Endpoint = new Uri(announced.RootElement.GetProperty("endpoint").GetString()!),
            PinnedCertificateSha256 = announced.RootElement.GetProperty("certificateSha256").GetString(),
            Credential = CredentialKind.AccessToken,
            AccessToken = EmulatorHost.Token,
        });
        var subscriptions = await SubscriptionDiscovery.ListAsync(connection);

        var memory = new MemorySampler(args.LiveHeap);
        var stopwatch = Stopwatch.StartNew();
        double? firstResult = null;
        var results = 0;
        var source = args.InventorySource switch
        {
            "resource-graph" => InventorySourceKind.ResourceGraph,
            "auto" => InventorySourceKind.Auto,
            "arm" => InventorySourceKind.Arm,
            _ => throw new ArgumentException("--inventory-source is arm, resource-graph or auto."),
        };
        SortedDictionary<string, double>? inventoryParts = null;
        if (args.Row == "baseline")
        {
            await BaselineScript.RunAsync(connection, subscriptions, countRestorePoints: !args.SkipRestorePoints);
        }
        else if (args.Row == "inventory")
        {
            inventoryParts = await InventoryProbe.RunAsync(connection, subscriptions, countRestorePoints: !args.SkipRestorePoints);
        }
        else
        {
            var scope = new ScanScope();
            foreach (var s in subscriptions) scope.AddSubscription(s);
            var scanner = new ReadinessScanner(connection) { Options = new ScanOptions { CountRestorePoints = !args.SkipRestorePoints, InventorySource = source } };
            await foreach (var evt in scanner.ScanAsync(scope))
            {
                if (evt is not ResultEvent) continue;
                firstResult ??= stopwatch.Elapsed.TotalSeconds;
                results++;
            }
        }
        stopwatch.Stop();
        await memory.DisposeAsync();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

        emulator.StandardInput.Close();
        await emulator.WaitForExitAsync();
        var entries = File.ReadAllLines(requestLog).Select(l => JsonSerializer.Deserialize<LoggedRequest>(l)!)
            .Where(e => e.Path != "/subscriptions").ToList(); // the discovery before the scan is not part of it
        if (args.RequestLog == null) File.Delete(requestLog);

        // The floor: subscriptions are throttled apart, so the slowest one sets it; each may spend its full bucket,
        // then one read per 1/25 s. Throttled answers took no token.
        // Resource Graph queries have their own quota: Q answered queries need ceil(Q / 15) windows of 5 s, the last
        // beginning (ceil(Q / 15) - 1) * 5 s after the first. The floor is the larger of the two.
        var graphQueries = entries.Count(e => e.Path == GraphPath && e.Status != 429);
        var armFloor = entries.Where(e => e.Status != 429 && e.Path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
            .GroupBy(e => e.Path.Split('/')[2].ToLowerInvariant())
            .Select(g => Math.Max(0, g.Count() - Bucket) / RefillPerSecond).DefaultIfEmpty(0).Max();
        var graphFloor = graphQueries == 0 ? 0 : (Math.Ceiling(graphQueries / (double)GraphQuota) - 1) * GraphWindowSeconds;
        var floor = args.Throttling ? Math.Max(armFloor, graphFloor) : (double?)null;
        return new Measurement
        {
            Client = args.Row == "baseline" ? "per-VM script" : source switch { InventorySourceKind.Arm => "azbt", InventorySourceKind.ResourceGraph => "azbt, Resource Graph", _ => "azbt, auto" },
            RestorePoints = args.SkipRestorePoints ? "skipped" : "counted",
            Throttling = args.Throttling,
            Subscriptions = args.Subscriptions,
            Vms = args.Vms,
            LatencyMs = args.LatencyMs,
            Requests = entries.Count,
            GraphQueries = graphQueries,
            Throttled = entries.Count(e => e.Status == 429),
            WallSeconds = stopwatch.Elapsed.TotalSeconds,
            FloorSeconds = floor,
            FirstResultSeconds = firstResult,
            Results = results,
            PeakWorkingSetMiB = peak,
            PeakHeapMiB = memory.PeakHeapMiB,
            PeakLiveHeapMiB = memory.PeakLiveHeapMiB,
            MeanLiveHeapMiB = memory.MeanLiveHeapMiB,
            AllocatedMiB = memory.AllocatedMiB,
            Operations = new Operations().Count(entries),
            InventoryParts = inventoryParts,
        };
    }
}

public sealed class Measurement
{
    public string Client { get; set; } = "";
    public string RestorePoints { get; set; } = "";
    public bool Throttling { get; set; }
    public int Subscriptions { get; set; }
    public int Vms { get; set; }
    public int LatencyMs { get; set; }
    public int Requests { get; set; }
    public int GraphQueries { get; set; }
    public int Throttled { get; set; }
    public double WallSeconds { get; set; }
    public double? FloorSeconds { get; set; }
    public double? FirstResultSeconds { get; set; }
    public int Results { get; set; }
    public double PeakWorkingSetMiB { get; set; }
    /// <summary>The largest GC heap a collection left during the scan (see <see cref="MemorySampler"/>).</summary>
    public double PeakHeapMiB { get; set; }
    /// <summary>With --live-heap: the largest live heap a forced full collection left (see <see cref="MemorySampler"/>).</summary>
    public double? PeakLiveHeapMiB { get; set; }
    /// <summary>With --live-heap: the mean of those live heaps.</summary>
    public double? MeanLiveHeapMiB { get; set; }
    /// <summary>Everything the scan allocated (garbage included): the GC's work, less noisy than wall time.</summary>
    public double AllocatedMiB { get; set; }

    /// <summary>Requests per ARM operation (every page of a list counts), for --breakdown.</summary>
    public SortedDictionary<string, int> Operations { get; set; } = new();

    /// <summary>For --row inventory: bytes per VM that each part of a complete inventory holds (see <see cref="InventoryProbe"/>).</summary>
    public SortedDictionary<string, double>? InventoryParts { get; set; }

    public const string Header =
        "| client | restore points | throttling | subs | VMs | latency (ms) | requests | per VM | 429s | wall | floor | wall/floor | first result | results | peak MiB | peak heap MiB | allocated MiB | of which ARG |\n" +
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    /// <summary>One line per operation: its requests and requests per VM.</summary>
    public IEnumerable<string> BreakdownRows()
        => Operations.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"| {o.Key} | {o.Value:N0} | {(double)o.Value / Vms:F4} |");

    public string MarkdownRow()
    {
        string S(double? v) => v is double d ? d.ToString("F2") : "-";
        var ratio = FloorSeconds is double f && f > 0 ? (WallSeconds / f).ToString("F2") : "-";
        return $"| {Client} | {RestorePoints} | {(Throttling ? "on" : "off")} | {Subscriptions:N0} | {Vms:N0} | {LatencyMs} | {Requests:N0} | {(double)Requests / Vms:F3} | {Throttled:N0} | {WallSeconds:F2} | {S(FloorSeconds)} | {ratio} | {S(FirstResultSeconds)} | {Results:N0} | {PeakWorkingSetMiB:F0} | {PeakHeapMiB:F0} | {AllocatedMiB:N0} | {GraphQueries:N0} |";
    }
}
