using System;
using System.Management.Automation;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Errors
{
    /// <summary>
    /// Every ErrorRecord the cmdlets write, built in one place so that error ids (what scripts match on), categories and
    /// targets are the same across cmdlets. A failure is first the engine's <see cref="AzbtException"/> (its
    /// <see cref="FailureClassifier"/> names whatever was thrown); the record then carries: ErrorId = its code (ARM's or
    /// ours, see docs/module.md), the category of its kind (<see cref="Category"/>), TargetObject = its target, and a
    /// one-line message. The exception inside the record is a fresh one that was never thrown: no stack trace, no source
    /// path, no SDK dump (status, headers), and CategoryInfo.Reason is the code, not an exception type name.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>The one record of a failure. <paramref name="input"/> is the target when the failure names none.</summary>
        public static ErrorRecord ForFailure(AzbtException failure, object? input = null)
            => Record(failure.Message, failure.Code, Category(failure.Kind), (object?)failure.Target ?? input);

        /// <summary>Whatever was thrown, named by the engine's classifier.</summary>
        public static ErrorRecord ForException(Exception error, object? input = null)
            => ForFailure(FailureClassifier.Classify(error, input as string), input);

        /// <summary>The ErrorCategory of each kind of failure: the one mapping every cmdlet uses (docs/module.md).</summary>
        public static ErrorCategory Category(FailureKind kind) => kind switch
        {
            FailureKind.InvalidInput => ErrorCategory.InvalidArgument,
            FailureKind.Connection => ErrorCategory.ConnectionError,
            FailureKind.Authentication => ErrorCategory.AuthenticationError,
            FailureKind.Authorization => ErrorCategory.PermissionDenied,
            FailureKind.NotFound => ErrorCategory.ObjectNotFound,
            FailureKind.Throttled => ErrorCategory.LimitsExceeded,
            FailureKind.Conflict => ErrorCategory.ResourceBusy,
            FailureKind.ServiceError => ErrorCategory.InvalidResult,
            FailureKind.Refused => ErrorCategory.SecurityError,
            FailureKind.Cancelled => ErrorCategory.OperationStopped,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>A scope the engine could not scan; the scan went on with the rest.</summary>
        public static ErrorRecord ForScope(ScopeErrorEvent error)
            => Record(error.Message, error.ErrorId, Category(error.Kind), error.Scope);

        /// <summary>One bad input value (a malformed id, say); the other inputs still run. <paramref name="fallbackId"/> replaces the generic InvalidInput code.</summary>
        public static ErrorRecord ForInvalidInput(AzbtException failure, string fallbackId, object? input)
            => Record(failure.Message, failure.Code == FailureCodes.InvalidInput ? fallbackId : failure.Code, ErrorCategory.InvalidArgument, (object?)failure.Target ?? input);

        /// <summary>Parameters that cannot make a connection (unknown cloud, pinned certificate on a remote endpoint, ...).</summary>
        public static ErrorRecord ForConnectionParameters(Exception error)
        {
            var failure = FailureClassifier.Classify(error);
            return failure.Kind == FailureKind.InvalidInput && failure.Code == FailureCodes.InvalidInput
                ? Record(failure.Message, FailureCodes.InvalidConnectionParameters, ErrorCategory.InvalidArgument, failure.Target)
                : ForFailure(failure);
        }

        /// <summary>Check ids or wildcards that match no check.</summary>
        public static ErrorRecord ForUnknownCheck(Exception error, object? input)
            => Record(FailureClassifier.Classify(error).Message, "UnknownCheck", ErrorCategory.InvalidArgument, input);

        /// <summary>
        /// A repair the engine would not start; the error id is the refusal's code (LockJournalPending, LockJournalInUse,
        /// RepairSafetyDataUnreadable, BackupJobInProgress, ...). A safety rule (a lock, ownership, unreadable safety data)
        /// is SecurityError; a state that forbids it now (a job running, the journal held by another repair) is
        /// OperationStopped; one because the VM could not be read keeps that reason's category (ObjectNotFound, ...).
        /// </summary>
        public static ErrorRecord ForRefusedRepair(RepairRefusedException error, object? target)
            => Record(error.Message, error.ErrorId,
                error.FailureKind != FailureKind.Refused ? Category(error.FailureKind)
                : error.IsSafetyRule ? ErrorCategory.SecurityError : ErrorCategory.OperationStopped, target);

        /// <summary>
        /// A repair step that ran and failed. The RepairRecord saying so is on the output too; this record is what makes
        /// -ErrorAction Stop and $Error work in runbooks.
        /// </summary>
        public static ErrorRecord ForFailedRepairStep(RepairRecord record)
            => Record(record.Message, record.ErrorCode ?? "RepairFailed", ErrorCategory.InvalidOperation, record.Target);

        /// <summary>A code the knowledge base does not know.</summary>
        public static ErrorRecord ForUnknownErrorCode(string code)
            => Record($"No Azure Backup error is known by the code '{code}'. If you have the error's text, search by its wording instead: Get-AzBackupErrorInfo -Message '<the text>'.",
                "UnknownErrorCode", ErrorCategory.ObjectNotFound, code);

        /// <summary>A record from its parts: the message made one line, the reason the id (never an exception type name).</summary>
        public static ErrorRecord Record(string message, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(new AzbtErrorRecordException(FailureText.OneLine(message)), errorId, category, target);
            record.CategoryInfo.Reason = errorId;
            return record;
        }
    }

    /// <summary>The exception inside every ErrorRecord the cmdlets write: the one-line message, nothing else. Never thrown.</summary>
    internal sealed class AzbtErrorRecordException : Exception
    {
        public AzbtErrorRecordException(string message) : base(message) { }
    }
}
