using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.Benchmark;

// Fleet benchmark: this tool's readiness scan against a modelled per-VM script, on the same generated fleet, with and
// without the emulator's model of ARM throttling. Not a test; see docs/performance.md for the grid and how to run it.
//   dotnet run -c Release --project tests/AzBackupTroubleshoot.Benchmark -- [--grid small|targets|one-subscription|all|resource-graph|threshold] [--latency-ms 20]
//   one row: ... -- --row tool|baseline --vms 10000 --subscriptions 10 --throttling on [--skip-restore-points] [--latency-ms 20]
//   --live-heap after --row: also the largest live heap (a forced full collection every second; slows the row)
//   --row inventory: what one VM's complete inventory holds, part by part (bytes per VM)
//   --breakdown after either: the requests of each row by ARM operation
//   --request-log PATH after --row: keep the emulator's log of every answer (JSON lines, with the time each was ready)
// Every row runs in a child process of its own, and the emulator in another (--serve), so peak memory is the client's alone.
var options = BenchArgs.Parse(args);
if (options.Serve) return await EmulatorHost.ServeAsync(options);
if (options.Row != null)
{
    var measurement = await Row.MeasureAsync(options);
    Console.WriteLine(JsonSerializer.Serialize(measurement));
    if (options.Breakdown) PrintBreakdown(measurement);
    foreach (var part in measurement.InventoryParts ?? new()) Console.WriteLine($"| {part.Key} | {part.Value:N0} |");
    return 0;
}

Console.WriteLine($"Fleet benchmark, grid '{options.Grid}'. Client concurrency: 8 per subscription, 64 on the wire. Times in seconds.");
Console.WriteLine();
Console.WriteLine(Measurement.Header);
var measured = new List<Measurement>();
foreach (var row in Grid.Rows(options.Grid))
{
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
    psi.ArgumentList.Add(typeof(Measurement).Assembly.Location);
    foreach (var a in row) psi.ArgumentList.Add(a);
    using var child = Process.Start(psi)!;
    var output = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n').Last();
    await child.WaitForExitAsync();
    try
    {
        var measurement = JsonSerializer.Deserialize<Measurement>(output)!;
        measured.Add(measurement);
        Console.WriteLine(measurement.MarkdownRow());
    }
    catch (JsonException)
    {
        Console.WriteLine($"| failed: {string.Join(' ', row)} | {output} |");
    }
}
if (options.Breakdown) measured.ForEach(PrintBreakdown);
return 0;

static void PrintBreakdown(Measurement m)
{
    Console.WriteLine();
    Console.WriteLine($"Requests by operation: {m.Client}, restore points {m.RestorePoints}, {m.Subscriptions:N0} x {m.Vms:N0} VMs, {m.Requests:N0} requests");
    Console.WriteLine();
    Console.WriteLine("| operation | requests | per VM |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var line in m.BreakdownRows()) Console.WriteLine(line);
}
