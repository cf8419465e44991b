using System;
using System.Management.Automation;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Repairs;

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
            if (error is ArmRequestFailedException arm) return ForArmRequest(arm, arm.Path);
            if (error is ArmAuthenticationException) return ForAuthentication(error);
            return new ErrorRecord(new InvalidOperationException("The scan stopped: " + error.Message), "ScanFailed", ErrorCategory.NotSpecified, null);
        }

        /// <summary>An ARM call that failed; the error id is ARM's own code (ResourceNotFound, AuthorizationFailed, ...).</summary>
        public static ErrorRecord ForArmRequest(ArmRequestFailedException error, object? target)
            => new ErrorRecord(error, error.ErrorCode ?? "ArmRequestFailed", CategoryOf(error), target);

        /// <summary>No token for ARM: nothing else can work, so callers make it terminating.</summary>
        public static ErrorRecord ForAuthentication(Exception error)
            => new ErrorRecord(new InvalidOperationException(
                    error.Message + " Sign in first (Connect-AzAccount or az login), or pass -AccessToken or -UseManagedIdentity."),
                "AuthenticationFailed", ErrorCategory.AuthenticationError, null);

        /// <summary>
        /// A repair the engine would not start (locks in the way, a backup running, a job that cannot be cancelled, ...).
        /// A refusal about the resource's state (locks, a running job) is InvalidOperation; one because the VM could not be
        /// read keeps that reason's category (ObjectNotFound, PermissionDenied, ...).
        /// </summary>
        public static ErrorRecord ForRefusedRepair(RepairRefusedException error, object? target)
            => new ErrorRecord(error, error.ErrorId, ScopeErrorCategory.From(error.Kind), target);

        /// <summary>
        /// A repair step that ran and failed. The RepairRecord saying so is on the output too; this record is what makes
        /// -ErrorAction Stop and $Error work in runbooks.
        /// </summary>
        public static ErrorRecord ForFailedRepairStep(RepairRecord record)
            => new ErrorRecord(new RepairStepFailedException(record.Message), record.ErrorCode ?? "RepairFailed", ErrorCategory.InvalidOperation, record.Target);

        /// <summary>An unexpected fault during one input's repair; the other inputs still run.</summary>
        public static ErrorRecord ForUnexpectedRepairFault(Exception error, object? target)
            => new ErrorRecord(new InvalidOperationException("The repair stopped: " + error.Message), "RepairFailed", ErrorCategory.NotSpecified, target);

        /// <summary>A code the knowledge base does not know.</summary>
        public static ErrorRecord ForUnknownErrorCode(string code)
            => new ErrorRecord(new ItemNotFoundException(
                    $"No Azure Backup error is known by the code '{code}'. If you have the error's text, search by its wording instead: Get-AzBackupErrorInfo -Message '<the text>'."),
                "UnknownErrorCode", ErrorCategory.ObjectNotFound, code);

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

    /// <summary>The exception inside the ErrorRecord of a failed repair step: the record's message, nothing else.</summary>
    internal sealed class RepairStepFailedException : Exception
    {
        public RepairStepFailedException(string message) : base(message) { }
    }
}
