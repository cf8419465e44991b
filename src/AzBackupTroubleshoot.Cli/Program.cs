using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Cli.Commands;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>azbt: the AzBackupTroubleshoot command line. Every failure is one line on stderr and a non-zero exit, never a stack trace.</summary>
    public static class Program
    {
        private const string Usage =
@"azbt — why will this Azure VM backup fail?
commands:
  readiness   run the readiness checks (azbt readiness --help)
  checks      list the checks
  emulator    serve a scenario on a local ARM emulator
";

        public static async Task<int> Main(string[] args)
        {
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            return await RunAsync(args, Console.Out, Console.Error, cts.Token).ConfigureAwait(false);
        }

        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
        {
            try
            {
                var flags = ConnectionArguments.FlagNames.Concat(new[] { "help" });
                var parsed = CliArguments.Parse(args, flags);
                if (parsed.Flag("help") || parsed.Command == "" || parsed.Command == "help")
                {
                    stdout.WriteLine(parsed.Command switch
                    {
                        "readiness" => ReadinessCommand.Usage,
                        "emulator" => EmulatorCommand.Usage,
                        _ => Usage,
                    });
                    return parsed.Command == "" && !parsed.Flag("help") ? ExitCodes.UsageOrConnection : ExitCodes.Success;
                }
                return parsed.Command switch
                {
                    "readiness" => await ReadinessCommand.RunAsync(parsed, stdout, stderr, ct).ConfigureAwait(false),
                    "checks" => ChecksCommand.Run(parsed, stdout),
                    "emulator" => await EmulatorCommand.RunAsync(parsed, stdout, ct).ConfigureAwait(false),
                    _ => throw new UsageException($"Unknown command '{parsed.Command}'. Run azbt --help."),
                };
            }
            catch (UsageException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ExitCodes.UsageOrConnection;
            }
            catch (ArmRequestFailedException ex)
            {
                stderr.WriteLine($"error: {ex.ErrorCode ?? "ArmError"}: {ex.Message}");
                return ExitCodes.UsageOrConnection;
            }
            catch (Azure.Identity.AuthenticationFailedException ex)
            {
                stderr.WriteLine("error: could not sign in to Azure: " + FirstLine(ex.Message) + " (use --access-token, --managed-identity, or sign in with az login)");
                return ExitCodes.UsageOrConnection;
            }
            catch (Azure.Identity.CredentialUnavailableException ex)
            {
                stderr.WriteLine("error: no Azure credential is available: " + FirstLine(ex.Message));
                return ExitCodes.UsageOrConnection;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("error: cancelled");
                return 130;
            }
        }

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }
}
