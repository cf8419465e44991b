using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Start-AzVmBackup: starts an on-demand backup of a protected VM in the vault that protects it, and writes the
    /// record naming the job it started.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "AzVmBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BackupRepairRecord))]
    public sealed class StartAzVmBackupCommand : VmRepairCmdlet
    {
        /// <summary>How long the backup is kept.</summary>
        [Parameter]
        public DateTime RetainUntil { get; set; } = DateTime.UtcNow.AddDays(30);

        protected override void Repair(VmInventory vm, RepairRun run)
        {
            var retainUntil = new DateTimeOffset(RetainUntil);
            var action = BackupTrigger.Plan(vm, retainUntil);
            action.Approved = Approve(action.Target, action.Description);
            WriteRecord(Pump(new BackupTrigger(Connection).ExecuteAsync(vm.VmId, action, retainUntil, run.Token)));
        }
    }
}
