using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Restore-AzBackupLock: puts back the locks an interrupted repair left lifted, from the lock journals on this
    /// machine (one VM's, or all of them). Idempotent; -WhatIf only reads the journals.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "AzBackupLock", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BackupRepairRecord))]
    public sealed class RestoreAzBackupLockCommand : RepairCmdlet
    {
        /// <summary>The VM whose journal to resume; without it, every journal in the directory.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "VmId")]
        public string[]? ResourceId { get; set; }

        /// <summary>The directory of lock journals (default as for the repairs: $env:AZBT_JOURNAL_DIR, else the per-user one).</summary>
        [Parameter]
        public string? JournalPath { get; set; }

        private bool _any;

        protected override void ProcessRecord()
        {
            if (ResourceId == null || ResourceId.Length == 0) return;
            _any = true;
            foreach (var id in ResourceId) Resume(id.Trim());
        }

        protected override void EndProcessing()
        {
            if (!_any) Resume(null);
        }

        private void Resume(string? vmId)
        {
            RepairOne(vmId ?? LockJournalFile.ResolveDirectory(JournalPath), "InvalidResourceId", () =>
            {
                if (vmId != null) Arm.ArmIds.ParseVmId(vmId);
                var dryRun = !Approve(vmId ?? LockJournalFile.ResolveDirectory(JournalPath), "Put back the locks that unfinished lock journals say are lifted");
                Pump(LockJournalResume.RunAsync(Connection, JournalPath, vmId, dryRun, StreamRecord));
            });
        }
    }
}
