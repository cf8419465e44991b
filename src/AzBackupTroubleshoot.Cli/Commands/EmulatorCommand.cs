using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt emulator: serves a scenario on 127.0.0.1 and prints one JSON line with the endpoint, the certificate
    /// pin and a token to use; serves until stdin closes or the process is stopped.
    /// </summary>
    public sealed class EmulatorCommand : Command
    {
        private readonly CliConsole _console;
        private readonly Option<string> _scenario = OptionKit.Text("--scenario", "the scenario file to serve", "file");
        private readonly Option<int?> _fleet = OptionKit.Number("--fleet", "instead of a file: a generated, mostly healthy fleet of that many VMs (as the benchmark uses)", 1, 100_000, "vms");
        private readonly Option<int?> _subscriptions = OptionKit.Number("--subscriptions", "with --fleet: spread it over this many subscriptions (default 1)", 1, 50);
        private readonly Option<int?> _port = OptionKit.Number("--port", "the port to listen on (default: any free one)", 1, 65535);
        private readonly Option<int?> _latencyMs = OptionKit.Number("--latency-ms", "answer every request after this many milliseconds", 0, 600_000, "ms");
        private readonly Option<string> _requestLog = OptionKit.Text("--request-log", "on exit, write every request it answered (method, path, query, status) as JSON lines", "file");

        public EmulatorCommand(CliConsole console) : base("emulator", "serve a scenario on a local ARM emulator; prints {endpoint, certificateSha256, accessToken} on one line")
        {
            _console = console;
            foreach (var option in new Option[] { _scenario, _fleet, _subscriptions, _port, _latencyMs, _requestLog }) Add(option);
            OptionKit.ExactlyOne(this, "azbt emulator needs either --scenario <file> or --fleet <vms>.", _scenario, _fleet);
            Validators.Add(result =>
            {
                if (OptionKit.Given(result, _subscriptions) && !OptionKit.Given(result, _fleet)) result.AddError("--subscriptions goes with --fleet.");
            });
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var scenario = parse.GetValue(_fleet) is int vms
                ? FleetScenario.Generate(vms, parse.GetValue(_subscriptions) ?? 1)
                : ScenarioFile.Load(parse.GetValue(_scenario)!);
            var options = new EmulatorOptions();
            if (parse.GetValue(_port) is int port) options.Port = port;
            if (parse.GetValue(_latencyMs) is int ms) options.Latency = TimeSpan.FromMilliseconds(ms);

            await using var emulator = await ArmEmulator.StartAsync(scenario, options).ConfigureAwait(false);
            _console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                endpoint = emulator.Endpoint.ToString(),
                certificateSha256 = emulator.CertificateSha256,
                accessToken = ArmSession.EmulatorToken,
            }));
            _console.Out.Flush();

            // Serve until stdin reaches its end (the parent closed it) or we are cancelled.
            var stdinClosed = Task.Run(() => { while (_console.In.ReadLine() != null) { } });
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
            if (parse.GetValue(_requestLog) is string log)
                File.WriteAllLines(log, emulator.Requests.Entries.Select(e => JsonSerializer.Serialize(new { method = e.Method, path = e.Path, query = e.Query, status = e.Status })));
            return ExitCodes.Success;
        }
    }
}
