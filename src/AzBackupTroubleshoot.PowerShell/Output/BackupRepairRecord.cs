using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// What the repair cmdlets, Start-AzVmBackup, Stop-AzVmBackupJob and Restore-AzBackupLock write for one action: the
    /// engine's <see cref="RepairRecord"/> with its status as a name, so ConvertTo-Json and Export-Csv read as the
    /// console does.
    /// </summary>
    public sealed class BackupRepairRecord
    {
        internal BackupRepairRecord(RepairRecord record)
        {
            VmId = record.VmId;
            Action = record.Action;
            Target = record.Target;
            Status = record.Status.ToString();
            Message = record.Message;
            JobId = record.JobId;
            ErrorCode = record.ErrorCode;
        }

        public string VmId { get; }

        /// <summary>RemoveLock, RestoreLock, DeleteRestorePointCollection, DeleteRestorePoint, TriggerBackup, RemoveExtension, CancelJob or None.</summary>
        public string Action { get; }

        public string Target { get; }

        /// <summary>WhatIf, Done, Failed, Skipped or NothingToDo.</summary>
        public string Status { get; }

        public string Message { get; }

        /// <summary>The backup job a trigger started or a cancel addressed.</summary>
        public string? JobId { get; }

        /// <summary>ARM's error code (or this module's) when the action failed.</summary>
        public string? ErrorCode { get; }

        public override string ToString() => $"{Action} {Target}: {Status}";
    }
}
