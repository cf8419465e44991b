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
@"azbt emulator --scenario <file> [--port <n>] [--latency-ms <n>]
  prints {""endpoint"":..,""certificateSha256"":..,""accessToken"":..} on one line, then serves until stdin closes or Ctrl+C";

        public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, CancellationToken ct)
        {
            args.AllowOnly("scenario", "port", "latency-ms");
            var path = args.One("scenario") ?? throw new UsageException("azbt emulator needs --scenario <file>.");
            var options = new EmulatorOptions();
            if (args.One("port") is string p)
                options.Port = int.TryParse(p, out var port) && port > 0 && port < 65536 ? port : throw new UsageException("--port must be 1-65535.");
            if (args.One("latency-ms") is string l)
                options.Latency = int.TryParse(l, out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : throw new UsageException("--latency-ms must be a number of milliseconds.");

            await using var emulator = await ArmEmulator.StartAsync(EmulatorSession.LoadScenario(path), options).ConfigureAwait(false);
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
            return ExitCodes.Success;
        }
    }
}
