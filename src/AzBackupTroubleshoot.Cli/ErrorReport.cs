using System;
using System.IO;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>
    /// The one place a failure that ends a run is turned into what the user sees: one line on stderr,
    /// <c>error: &lt;Code&gt;: &lt;message&gt;</c>, and the exit code. Never a stack trace or an exception type name.
    /// </summary>
    public static class ErrorReport
    {
        public static int Write(Exception exception, TextWriter stderr)
        {
            var (code, message, exit) = exception switch
            {
                UsageException e => ("InvalidInput", e.Message, ExitCodes.InvalidInput),
                ArmRequestFailedException e => (e.ErrorCode ?? "ArmError", e.Message, ExitCodes.InvalidInput),
                ArmAuthenticationException e => ("AuthenticationFailed", e.Message + " (use --access-token-file, --managed-identity, or sign in with az login)", ExitCodes.InvalidInput),
                OperationCanceledException => ("Cancelled", "The operation was cancelled.", ExitCodes.Cancelled),
                _ => ("UnexpectedError", "azbt stopped on an unexpected failure: " + exception.Message, ExitCodes.ServiceError),
            };
            stderr.WriteLine($"error: {code}: {OneLine(message)}");
            return exit;
        }

        /// <summary>A parse error found by System.CommandLine: exit 2, one line with a pointer to the command's help.</summary>
        public static int WriteParseError(string message, string commandPath, TextWriter stderr)
        {
            stderr.WriteLine($"error: InvalidInput: {OneLine(message)} (see '{commandPath} --help')");
            return ExitCodes.InvalidInput;
        }

        private static string OneLine(string text)
        {
            var line = text.Replace("\r", " ").Replace("\n", " ").Trim();
            return line.Length <= 600 ? line : line.Substring(0, 597) + "...";
        }
    }
}
