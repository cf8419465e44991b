namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>What became of one planned action.</summary>
    public enum RepairStatus
    {
        /// <summary>Would be done; nothing was changed (-WhatIf, --dry-run, or declined at a prompt).</summary>
        WhatIf,
        Done,
        Failed,
        /// <summary>Not done because an earlier step failed or a precondition does not hold.</summary>
        Skipped,
        /// <summary>Nothing needed doing (a second run after success).</summary>
        NothingToDo,
    }

    /// <summary>One action a repair took or would take: the object repair cmdlets write and the CLI prints. JSON-clean.</summary>
    public sealed class RepairRecord
    {
        public string VmId { get; set; } = "";
        /// <summary>RemoveLock, RestoreLock, DeleteRestorePointCollection, DeleteRestorePoint, TriggerBackup, RemoveExtension, CancelJob.</summary>
        public string Action { get; set; } = "";
        public string Target { get; set; } = "";
        public RepairStatus Status { get; set; }
        public string Message { get; set; } = "";
        /// <summary>The backup job a trigger started or a cancel addressed.</summary>
        public string? JobId { get; set; }
        /// <summary>ARM's error code when the action failed.</summary>
        public string? ErrorCode { get; set; }

        /// <summary>The record of a repair that found nothing to change (a second run after success).</summary>
        public static RepairRecord NothingToDo(string vmId, string message)
            => new RepairRecord { VmId = vmId, Action = "None", Target = vmId, Status = RepairStatus.NothingToDo, Message = message };
    }
}
