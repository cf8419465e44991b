using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Repair-AzVmBackupExtension: removes a failed or stuck-deleting backup extension (VMSnapshot / VMSnapshotLinux)
    /// so that the next backup installs a fresh one. Refused while a backup job runs for the VM.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "AzVmBackupExtension", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BackupRepairRecord))]
    public sealed class RepairAzVmBackupExtensionCommand : VmRepairCmdlet
    {
        /// <summary>Remove the extension without asking; -WhatIf still only shows it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceRequested => Force;

        protected override void Repair(VmInventory vm, RepairRun run)
        {
            var action = BackupExtensionRepair.Plan(vm);
            if (action == null)
            {
                WriteRecord(BackupExtensionRepair.NothingToDo(vm));
                return;
            }
            action.Approved = Approve(action.Target, action.Description);
            WriteRecord(Pump(new BackupExtensionRepair(Connection).ExecuteAsync(vm.VmId, action, run.Token)));
        }
    }
}
