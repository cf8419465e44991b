using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;

// Benchmark of a full readiness scan of one subscription against the emulator with injected latency.
//   dotnet run -c Release --project tests/AzBackupTroubleshoot.Benchmark -- [--sizes 10,100,1000,10000] [--latency-ms 20]
// Each size runs in a child process of its own, so peak memory belongs to that size alone.
var argList = args.ToList();
string Arg(string name, string fallback) { var i = argList.IndexOf(name); return i >= 0 && i + 1 < argList.Count ? argList[i + 1] : fallback; }
var latencyMs = int.Parse(Arg("--latency-ms", "20"));

if (argList.Contains("--one"))
{
    var result = await Measure(int.Parse(Arg("--one", "10")), latencyMs, countRestorePoints: !argList.Contains("--skip-restore-points"));
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

var sizes = Arg("--sizes", "10,100,1000,10000").Split(',').Select(int.Parse).ToList();
Console.WriteLine($"Readiness scan of one subscription, emulator latency {latencyMs} ms per request, concurrency {new ArmConnectionOptions().MaxConcurrency}");
Console.WriteLine();
Console.WriteLine("| restore points | VMs | ARM requests | list requests | restore-point reads | requests per VM | wall time (s) | slowest list call (s) | results | peak working set (MiB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var countPoints in new[] { true, false })
foreach (var size in sizes)
{
    var self = Environment.ProcessPath!;
    var dll = typeof(Measurement).Assembly.Location;
    var psi = new ProcessStartInfo(self.EndsWith("dotnet") ? self : "dotnet") { RedirectStandardOutput = true };
    if (self.EndsWith("dotnet") || !File.Exists(self)) { psi.ArgumentList.Add(dll); } else { psi.FileName = self; }
    foreach (var a in new[] { "--one", size.ToString(), "--latency-ms", latencyMs.ToString() }) psi.ArgumentList.Add(a);
    if (!countPoints) psi.ArgumentList.Add("--skip-restore-points");
    using var child = Process.Start(psi)!;
    var line = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n').Last();
    await child.WaitForExitAsync();
    var m = JsonSerializer.Deserialize<Measurement>(line)!;
    Console.WriteLine($"| {(countPoints ? "counted" : "skipped")} | {m.Vms:N0} | {m.Requests:N0} | {m.ListRequests:N0} | {m.RestorePointReads:N0} | {m.RequestsPerVm:F3} | {m.WallSeconds:F2} | {m.SlowestListSeconds:F2} | {m.Results:N0} | {m.PeakWorkingSetMiB:F0} |");
}
return 0;

static async Task<Measurement> Measure(int vmCount, int latencyMs, bool countRestorePoints)
{
    var scenario = FleetScenario.Generate(vmCount, subscriptions: 1, seed: 1);
    await using var emulator = await ArmEmulator.StartAsync(scenario, new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(latencyMs) });
    var connection = ArmConnection.Create(new ArmConnectionOptions
    {
        Endpoint = emulator.Endpoint,
        PinnedCertificateSha256 = emulator.CertificateSha256,
        Credential = CredentialKind.AccessToken,
        AccessToken = "benchmark",
    });
    var subscription = (await SubscriptionDiscovery.ListAsync(connection)).Single();
    emulator.Requests.Reset();

    var scope = new ScanScope().AddSubscription(subscription);
    var stopwatch = Stopwatch.StartNew();
    var results = 0;
    var scanner = new ReadinessScanner(connection) { Options = new ScanOptions { CountRestorePoints = countRestorePoints } };
    await foreach (var evt in scanner.ScanAsync(scope))
        if (evt is ResultEvent) results++;
    stopwatch.Stop();

    var entries = emulator.Requests.Entries;
    var restorePointReads = entries.Count(e => e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase));
    // The slowest list call: the longest chain of pages of one list (pages of one list are sequential).
    var pagesPerList = entries.Where(e => !e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase))
        .GroupBy(e => e.Path.ToLowerInvariant()).Max(g => g.Count());
    return new Measurement
    {
        Vms = vmCount,
        Requests = emulator.Requests.Total,
        ListRequests = emulator.Requests.Total - restorePointReads,
        RestorePointReads = restorePointReads,
        RequestsPerVm = (double)emulator.Requests.Total / vmCount,
        WallSeconds = stopwatch.Elapsed.TotalSeconds,
        SlowestListSeconds = pagesPerList * latencyMs / 1000.0,
        Results = results,
        PeakWorkingSetMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
    };
}

public sealed class Measurement
{
    public int Vms { get; set; }
    public int Requests { get; set; }
    public int ListRequests { get; set; }
    public int RestorePointReads { get; set; }
    public double RequestsPerVm { get; set; }
    public double WallSeconds { get; set; }
    public double SlowestListSeconds { get; set; }
    public int Results { get; set; }
    public double PeakWorkingSetMiB { get; set; }
}
