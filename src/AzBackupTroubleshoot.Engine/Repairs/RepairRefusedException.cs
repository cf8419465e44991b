using System;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// A repair that must not start: locks in the way without permission to lift them, a backup job running, a lock
    /// journal still pending or held by another repair, safety data that could not be read, a VM that does not exist.
    /// <see cref="ErrorId"/> is stable (scripts match on it); the message says what to run instead. The fronts show it
    /// through the error taxonomy: <see cref="ToFailure"/> (and <see cref="FailureClassifier"/>) make it an
    /// <see cref="AzbtException"/> of kind <see cref="FailureKind.Refused"/>, or of the read failure's kind when the
    /// refusal is only that the VM could not be read.
    /// </summary>
    public sealed class RepairRefusedException : Exception
    {
        public RepairRefusedException(string errorId, string message, FailureKind kind = FailureKind.Refused) : base(message)
        {
            ErrorId = errorId;
            FailureKind = kind;
        }

        public string ErrorId { get; }

        /// <summary>
        /// The failure kind the fronts map from: Refused for a safety rule or a state that forbids the repair now; the
        /// read failure's own kind (NotFound, Authorization, ...) when the refusal is only that the VM could not be read.
        /// </summary>
        public FailureKind FailureKind { get; }

        /// <summary>
        /// Whether the refusal protects something a wrong step could lose or break for good (a lock, a resource that is
        /// not Azure Backup's, data a safety rule needs) rather than saying "not now" (a job running, a journal in use).
        /// The cmdlets show the first as SecurityError, the second as OperationStopped.
        /// </summary>
        public bool IsSafetyRule => ErrorId switch
        {
            "LockJournalPending" or "LockJournalUnreadable" or "LockJournalUnwritable" or "RepairSafetyDataUnreadable"
                or "RestorePointCleanupBlockedByLock" or "RestorePointsUnknown" or "NotAzureBackupOwned" or FailureCodes.ForeignHost => true,
            _ => false,
        };

        /// <summary>This refusal as the fronts show it: kind, code (= <see cref="ErrorId"/>), message, target.</summary>
        public AzbtException ToFailure(string? target = null) => new AzbtException(FailureKind, ErrorId, Message, target, this);
    }
}
