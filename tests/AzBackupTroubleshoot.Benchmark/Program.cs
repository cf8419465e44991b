using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

// Benchmark of a full readiness scan of one subscription against the emulator with injected latency.
//   dotnet run -c Release --project tests/AzBackupTroubleshoot.Benchmark -- [--sizes 10,100,1000,10000] [--latency-ms 20]
// Each size runs in a child process of its own, and the emulator in another one, so peak memory is the engine's alone.
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
    // The emulator in a process of its own: azbt emulator --fleet, which logs every request it answered on exit.
    var requestLog = Path.Combine(Path.GetTempPath(), $"azbt-bench-{Guid.NewGuid():N}.jsonl");
    var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true };
    foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "azbt.dll"), "emulator", "--fleet", vmCount.ToString(), "--latency-ms", latencyMs.ToString(), "--request-log", requestLog })
        start.ArgumentList.Add(a);
    using var emulator = Process.Start(start)!;
    using var announced = JsonDocument.Parse((await emulator.StandardOutput.ReadLineAsync())!);
    var connection = ArmConnection.Create(new ArmConnectionOptions
    {
        Endpoint = new Uri(announced.RootElement.GetProperty("endpoint").GetString()!),
        PinnedCertificateSha256 = announced.RootElement.GetProperty("certificateSha256").GetString(),
        Credential = CredentialKind.AccessToken,
        AccessToken = announced.RootElement.GetProperty("accessToken").GetString(),
    });
    var subscription = (await SubscriptionDiscovery.ListAsync(connection)).Single();

    var scope = new ScanScope().AddSubscription(subscription);
    var stopwatch = Stopwatch.StartNew();
    var results = 0;
    var scanner = new ReadinessScanner(connection) { Options = new ScanOptions { CountRestorePoints = countRestorePoints } };
    await foreach (var evt in scanner.ScanAsync(scope))
        if (evt is ResultEvent) results++;
    stopwatch.Stop();
    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

    emulator.StandardInput.Close();
    await emulator.WaitForExitAsync();
    // Every request of the scan; the subscription discovery before it is not part of the scan.
    var entries = File.ReadAllLines(requestLog).Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => (Path: e.GetProperty("path").GetString()!, Query: e.GetProperty("query").GetString() ?? ""))
        .Where(e => e.Path != "/subscriptions").ToList();
    File.Delete(requestLog);

    var restorePointReads = entries.Count(e => e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase));
    // The slowest list call: the longest chain of pages of one list (pages of one list are sequential).
    var pagesPerList = entries.Where(e => !e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase))
        .GroupBy(e => e.Path.ToLowerInvariant()).Max(g => g.Count());
    return new Measurement
    {
        Vms = vmCount,
        Requests = entries.Count,
        ListRequests = entries.Count - restorePointReads,
        RestorePointReads = restorePointReads,
        RequestsPerVm = (double)entries.Count / vmCount,
        WallSeconds = stopwatch.Elapsed.TotalSeconds,
        SlowestListSeconds = pagesPerList * latencyMs / 1000.0,
        Results = results,
        PeakWorkingSetMiB = peak,
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
