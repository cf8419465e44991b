namespace AzBackupTroubleshoot.Benchmark;

/// <summary>The benchmark's command line: a grid to run, one row to measure, or the emulator to serve.</summary>
public sealed record BenchArgs
{
    public bool Serve { get; init; }
    public string? Row { get; init; }
    public string Grid { get; init; } = "small";
    public int Vms { get; init; } = 100;
    public int Subscriptions { get; init; } = 1;
    public int LatencyMs { get; init; } = 20;
    public bool Throttling { get; init; }
    public bool SkipRestorePoints { get; init; }
    public string? RequestLog { get; init; }

    /// <summary>After the grid's table, the requests of each row by ARM operation.</summary>
    public bool Breakdown { get; init; }

    /// <summary>Also measure the live heap by a forced full collection every second (slows the row; see <see cref="MemorySampler"/>).</summary>
    public bool LiveHeap { get; init; }

    /// <summary>Where the tool reads its lists: arm (the default here, so earlier rows stay comparable), resource-graph or auto.</summary>
    public string InventorySource { get; init; } = "arm";

    public static BenchArgs Parse(string[] args)
    {
        var list = args.ToList();
        string? Value(string name) { var i = list.IndexOf(name); return i >= 0 && i + 1 < list.Count ? list[i + 1] : null; }
        return new BenchArgs
        {
            Serve = list.Contains("--serve"),
            Row = Value("--row"),
            Grid = Value("--grid") ?? "small",
            Vms = int.Parse(Value("--vms") ?? "100"),
            Subscriptions = int.Parse(Value("--subscriptions") ?? "1"),
            LatencyMs = int.Parse(Value("--latency-ms") ?? "20"),
            Throttling = Value("--throttling") == "on",
            SkipRestorePoints = list.Contains("--skip-restore-points"),
            RequestLog = Value("--request-log"),
            Breakdown = list.Contains("--breakdown"),
            LiveHeap = list.Contains("--live-heap"),
            InventorySource = Value("--inventory-source") ?? "arm",
        };
    }

    /// <summary>The arguments that give the same fleet and emulator to a child process.</summary>
    public IEnumerable<string> FleetArguments()
        => new[] { "--vms", Vms.ToString(), "--subscriptions", Subscriptions.ToString(), "--latency-ms", LatencyMs.ToString(), "--throttling", Throttling ? "on" : "off" };
}
