using System;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// A repair that must not start: locks in the way without permission to lift them, a backup job running, a VM
    /// that does not exist. <see cref="ErrorId"/> is stable for ErrorRecords; the message says what to run instead.
    /// </summary>
    public sealed class RepairRefusedException : Exception
    {
        public RepairRefusedException(string errorId, string message) : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
