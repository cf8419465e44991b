using System;
using System.Management.Automation;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.PowerShell.Errors
{
    /// <summary>
    /// Every ErrorRecord the cmdlets write, built in one place so that error ids (what scripts match on) and categories
    /// stay the same across cmdlets. Records carry the message only; no stack trace reaches the user.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>A scope the engine could not scan; the scan went on with the rest.</summary>
        public static ErrorRecord ForScope(ScopeErrorEvent error)
            => new ErrorRecord(new ScanScopeException(error.Message), error.ErrorId, ScopeErrorCategory.From(error.Kind), error.Scope);

        /// <summary>One bad input value (a malformed id, say); the other inputs still run.</summary>
        public static ErrorRecord ForInvalidInput(string errorId, ArgumentException error, object? input)
            => new ErrorRecord(new ArgumentException(PlainMessage(error)), errorId, ErrorCategory.InvalidArgument, input);

        /// <summary>Parameters that cannot make a connection (unknown cloud, pinned certificate on a remote endpoint, ...).</summary>
        public static ErrorRecord ForConnectionParameters(Exception error)
            => new ErrorRecord(new ArgumentException(error is ArgumentException argument ? PlainMessage(argument) : error.Message),
                "InvalidConnectionParameters", ErrorCategory.InvalidArgument, null);

        /// <summary>Check ids or wildcards that match no check.</summary>
        public static ErrorRecord ForUnknownCheck(ArgumentException error, object? input)
            => new ErrorRecord(new ArgumentException(PlainMessage(error)), "UnknownCheck", ErrorCategory.InvalidArgument, input);

        /// <summary>A failure that stopped the whole scan: sign-in, network, or an engine fault.</summary>
        public static ErrorRecord ForFailedScan(Exception error)
        {
            if (error is ArmRequestFailedException arm)
                return new ErrorRecord(arm, arm.ErrorCode ?? "ArmRequestFailed", CategoryOf(arm), arm.Path);
            if (error is ArmAuthenticationException)
                return new ErrorRecord(new InvalidOperationException(
                        error.Message + " Sign in first (Connect-AzAccount or az login), or pass -AccessToken or -UseManagedIdentity."),
                    "AuthenticationFailed", ErrorCategory.AuthenticationError, null);
            return new ErrorRecord(new InvalidOperationException("The scan stopped: " + error.Message), "ScanFailed", ErrorCategory.NotSpecified, null);
        }

        private static ErrorCategory CategoryOf(ArmRequestFailedException error)
        {
            if (error.Status == 0) return ErrorCategory.ConnectionError;
            if (error.IsForbidden) return ErrorCategory.PermissionDenied;
            if (error.IsNotFound) return ErrorCategory.ObjectNotFound;
            if (error.Status == 429) return ErrorCategory.LimitsExceeded;
            return ErrorCategory.InvalidOperation;
        }

        /// <summary>
        /// The message without the runtime's "(Parameter 'x')" tail: the user typed -ResourceId, not the engine's argument name.
        /// The tail's wording differs between .NET and .NET Framework, so it is taken from the runtime itself.
        /// </summary>
        private static string PlainMessage(ArgumentException error)
        {
            if (string.IsNullOrEmpty(error.ParamName)) return error.Message;
            var tail = new ArgumentException("", error.ParamName).Message;
            return error.Message.EndsWith(tail, StringComparison.Ordinal) ? error.Message.Substring(0, error.Message.Length - tail.Length) : error.Message;
        }
    }

    /// <summary>The exception inside a scope ErrorRecord: the engine's message, nothing else.</summary>
    internal sealed class ScanScopeException : Exception
    {
        public ScanScopeException(string message) : base(message) { }
    }
}
