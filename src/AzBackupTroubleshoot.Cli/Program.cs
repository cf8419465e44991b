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
  restore-readiness   pre-check a planned restore (azbt restore-readiness --help)
  checks      list the checks
  emulator    serve a scenario on a local ARM emulator
  repair      restore-points | extension: safe repairs (azbt repair --help)
  backup      start: an on-demand backup
  job         cancel: cancel a backup job
  explain     what an error code or message means and how to fix it (azbt explain --help)
  failures    why recent backup jobs failed (azbt failures --help)
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
                var flags = ConnectionArguments.FlagNames.Concat(RepairCommand.Flags).Concat(ReadinessCommand.Flags).Concat(new[] { "help" });
                // Two-word commands (repair restore-points, job cancel): the second word is the noun.
                string? noun = args.Length > 1 && IsTwoWord(args[0]) && !args[1].StartsWith("-", StringComparison.Ordinal) ? args[1] : null;
                var parsed = CliArguments.Parse(noun == null ? args : new[] { args[0] }.Concat(args.Skip(2)).ToArray(), flags);
                if (parsed.Flag("help") || parsed.Command == "" || parsed.Command == "help")
                {
                    stdout.WriteLine(parsed.Command switch
                    {
                        "readiness" => ReadinessCommand.Usage,
                        "restore-readiness" => RestoreReadinessCommand.Usage,
                        "emulator" => EmulatorCommand.Usage,
                        "repair" or "backup" or "job" => RepairCommand.Usage,
                        "explain" => ExplainCommand.Usage,
                        "failures" => FailuresCommand.Usage,
                        _ => Usage,
                    });
                    return parsed.Command == "" && !parsed.Flag("help") ? ExitCodes.UsageOrConnection : ExitCodes.Success;
                }
                return parsed.Command switch
                {
                    "readiness" => await ReadinessCommand.RunAsync(parsed, stdout, stderr, ct).ConfigureAwait(false),
                    "restore-readiness" => await RestoreReadinessCommand.RunAsync(parsed, stdout, stderr, ct).ConfigureAwait(false),
                    "checks" => ChecksCommand.Run(parsed, stdout),
                    "explain" => ExplainCommand.Run(parsed, stdout, stderr),
                    "failures" => await FailuresCommand.RunAsync(parsed, stdout, stderr, ct).ConfigureAwait(false),
                    "emulator" => await EmulatorCommand.RunAsync(parsed, stdout, ct).ConfigureAwait(false),
                    "repair" or "backup" or "job" => await RepairCommand.RunAsync(parsed, parsed.Command, noun, stdout, stderr, ct).ConfigureAwait(false),
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
            catch (ArmAuthenticationException ex)
            {
                stderr.WriteLine("error: AuthenticationFailed: " + ex.Message + " (use --access-token, --managed-identity, or sign in with az login)");
                return ExitCodes.UsageOrConnection;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("error: cancelled");
                return 130;
            }
        }

        private static bool IsTwoWord(string command) => command == "repair" || command == "backup" || command == "job";

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }
}
