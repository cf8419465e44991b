using System;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// A repair that must not start: locks in the way without permission to lift them, a backup job running, a VM
    /// that does not exist. <see cref="ErrorId"/> is stable for ErrorRecords; the message says what to run instead.
    /// </summary>
    public sealed class RepairRefusedException : Exception
    {
        public RepairRefusedException(string errorId, string message, ScopeErrorKind kind = ScopeErrorKind.OperationFailed) : base(message)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }

        /// <summary>What kind of refusal: a missing VM (NotFound), no permission to read it, or an operation that must not run now.</summary>
        public ScopeErrorKind Kind { get; }
    }
}
