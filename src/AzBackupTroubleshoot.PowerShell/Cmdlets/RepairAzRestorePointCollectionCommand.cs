using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Repair-AzRestorePointCollection: deletes a VM's Azure Backup restore point collections (or only the oldest restore
    /// points), lifting the locks in the way with -RemoveLock and putting them back, then optionally starts a backup.
    /// The engine plans and executes (docs/repairs.md); this cmdlet asks before each planned action.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "AzRestorePointCollection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BackupRepairRecord))]
    public sealed class RepairAzRestorePointCollectionCommand : VmRepairCmdlet
    {
        /// <summary>Lift the CanNotDelete / ReadOnly locks that block the cleanup, and put them back afterwards.</summary>
        [Parameter]
        public SwitchParameter RemoveLock { get; set; }

        /// <summary>Delete only the oldest restore points so that this many remain; whole collections are deleted without it.</summary>
        [Parameter]
        [ValidateRange(0, 18)]
        public int? KeepLatest { get; set; }

        /// <summary>Start an on-demand backup once the cleanup is done.</summary>
        [Parameter]
        public SwitchParameter StartBackup { get; set; }

        /// <summary>How long the on-demand backup of -StartBackup is kept.</summary>
        [Parameter]
        public DateTime RetainUntil { get; set; } = DateTime.UtcNow.AddDays(30);

        /// <summary>Carry out the plan without asking; -WhatIf still only shows it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceRequested => Force;

        protected override void Repair(VmInventory vm, RepairRun run)
        {
            var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions
            {
                RemoveLock = RemoveLock,
                KeepLatest = KeepLatest,
                StartBackup = StartBackup,
            });
            foreach (var action in plan.Actions)
                action.Approved = Approve(action.Target, action.Description);
            Pump(new RestorePointCleanupExecutor(Connection).ExecuteAsync(plan, new DateTimeOffset(RetainUntil), run));
        }
    }
}
