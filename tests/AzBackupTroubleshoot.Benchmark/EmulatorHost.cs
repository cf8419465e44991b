using System.Text.Json;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Throttling;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// The emulator in a process of its own, serving a generated fleet: prints its endpoint on one line, serves until
/// stdin closes, then writes every request it answered (with the time its answer was ready) as JSON lines.
/// </summary>
public static class EmulatorHost
{
    public const string Token = "benchmark-token";

    public static async Task<int> ServeAsync(BenchArgs args)
    {
        var scenario = FleetScenario.Generate(args.Vms, args.Subscriptions);
        var options = new EmulatorOptions
        {
            Latency = TimeSpan.FromMilliseconds(args.LatencyMs),
            Throttling = args.Throttling ? ThrottlingLimits.Arm : null,
            // Resource Graph's own quota (15 queries per 5 s per user) is part of the model too.
            ResourceGraphThrottling = args.Throttling ? ResourceGraphLimits.Documented : null,
        };
        await using var emulator = await ArmEmulator.StartAsync(scenario, options);
        Console.WriteLine(JsonSerializer.Serialize(new { endpoint = emulator.Endpoint.ToString(), certificateSha256 = emulator.CertificateSha256 }));
        Console.Out.Flush();
        while (Console.In.ReadLine() != null) { }
        if (args.RequestLog != null)
            File.WriteAllLines(args.RequestLog, emulator.Requests.Entries.Select(e => JsonSerializer.Serialize(
                new LoggedRequest(e.Method, e.Path, e.Query, e.Status, e.At.TotalSeconds))));
        return 0;
    }
}

public sealed record LoggedRequest(string Method, string Path, string Query, int Status, double At);
