using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt emulator: serves a scenario on 127.0.0.1 and prints one JSON line with the endpoint, the certificate
    /// pin and a token to use; serves until stdin closes or the process is stopped.
    /// </summary>
    public static class EmulatorCommand
    {
        public const string Usage =
@"azbt emulator (--scenario <file> | --fleet <vms>) [--subscriptions <n>] [--port <n>] [--latency-ms <n>] [--request-log <file>]
  --fleet <vms>          a generated, mostly healthy fleet of that many VMs (as the benchmark uses) instead of a file
  --request-log <file>   on exit, write every request it answered (method, path, query, status) as JSON lines
  prints {""endpoint"":..,""certificateSha256"":..,""accessToken"":..} on one line, then serves until stdin closes or Ctrl+C";

        private static Scenario ScenarioFrom(CliArguments args)
        {
            var path = args.One("scenario");
            var fleet = args.One("fleet");
            if ((path == null) == (fleet == null)) throw new UsageException("azbt emulator needs either --scenario <file> or --fleet <vms>.");
            if (path != null) return EmulatorSession.LoadScenario(path);
            if (!int.TryParse(fleet, out var vms) || vms < 1 || vms > 100_000) throw new UsageException("--fleet must be a number of VMs from 1 to 100000.");
            var subscriptions = args.One("subscriptions") is string s ? (int.TryParse(s, out var n) && n >= 1 && n <= 50 ? n : throw new UsageException("--subscriptions must be 1-50.")) : 1;
            return FleetScenario.Generate(vms, subscriptions);
        }

        public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, CancellationToken ct)
        {
            args.AllowOnly("scenario", "fleet", "subscriptions", "port", "latency-ms", "request-log");
            var scenario = ScenarioFrom(args);
            var options = new EmulatorOptions();
            if (args.One("port") is string p)
                options.Port = int.TryParse(p, out var port) && port > 0 && port < 65536 ? port : throw new UsageException("--port must be 1-65535.");
            if (args.One("latency-ms") is string l)
                options.Latency = int.TryParse(l, out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : throw new UsageException("--latency-ms must be a number of milliseconds.");

            await using var emulator = await ArmEmulator.StartAsync(scenario, options).ConfigureAwait(false);
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                endpoint = emulator.Endpoint.ToString(),
                certificateSha256 = emulator.CertificateSha256,
                accessToken = EmulatorSession.Token,
            }));
            stdout.Flush();

            // Serve until stdin reaches its end (the parent closed it) or we are cancelled.
            var stdinClosed = Task.Run(() => { while (Console.In.ReadLine() != null) { } });
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
            if (args.One("request-log") is string log)
                File.WriteAllLines(log, emulator.Requests.Entries.Select(e => JsonSerializer.Serialize(new { method = e.Method, path = e.Path, query = e.Query, status = e.Status })));
            return ExitCodes.Success;
        }
    }
}
