using System;
using System.IO;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>
    /// The one place a failure that ends a run is turned into what the user sees: the engine's
    /// <see cref="FailureClassifier"/> names it, then one line goes to stderr, <c>error: &lt;Code&gt;: &lt;message&gt;</c>,
    /// and the exit code of its kind (<see cref="ExitCodes.For"/>). Never a stack trace or an exception type name.
    /// </summary>
    public static class ErrorReport
    {
        public static int Write(Exception exception, TextWriter stderr)
        {
            var failure = FailureClassifier.Classify(exception);
            stderr.WriteLine($"error: {failure.Code}: {failure.Message}");
            return ExitCodes.For(failure.Kind);
        }

        /// <summary>
        /// A parse error found by System.CommandLine: exit 2, one line with a pointer to the command's help. The code is
        /// the engine's when one of its rules found the error (InvalidResourceId, ...), else InvalidInput.
        /// </summary>
        public static int WriteParseError(string message, string commandPath, TextWriter stderr, string? code = null)
        {
            var failure = InvalidInput($"{message} (see '{commandPath} --help')", code ?? FailureCodes.InvalidInput);
            stderr.WriteLine($"error: {failure.Code}: {failure.Message}");
            return ExitCodes.InvalidInput;
        }

        /// <summary>Bad input found while a command runs (a token file that cannot be read, a scenario that is not valid).</summary>
        public static AzbtException InvalidInput(string message, string code = FailureCodes.InvalidInput, string? target = null)
            => new AzbtException(FailureKind.InvalidInput, code, message, target);
    }
}
