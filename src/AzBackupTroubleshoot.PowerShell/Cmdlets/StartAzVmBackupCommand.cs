using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Start-AzVmBackup: starts an on-demand backup of a protected VM in the vault that protects it, and writes the
    /// record naming the job it started.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "AzVmBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairRecord))]
    public sealed class StartAzVmBackupCommand : VmRepairCmdlet
    {
        /// <summary>How long the backup is kept.</summary>
        [Parameter]
        public DateTime RetainUntil { get; set; } = DateTime.UtcNow.AddDays(30);

        protected override IEnumerable<RepairRecord> Repair(VmInventory vm)
        {
            var protectedItem = vm.Protection.Select(p => p.ProtectedItem.Id()).FirstOrDefault()
                                ?? throw new RepairRefusedException("VmNotProtected", $"No Recovery Services vault protects {vm.Name}; configure backup first.");
            var retainUntil = new DateTimeOffset(RetainUntil);
            var description = $"Start an on-demand backup of {vm.Name}, kept until {retainUntil.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            if (!Approve(protectedItem, description))
                return new[] { new RepairRecord { VmId = vm.VmId, Action = "TriggerBackup", Target = protectedItem, Status = RepairStatus.WhatIf, Message = "What if: " + description } };
            return new[] { Await(new BackupTrigger(Connection).StartAsync(vm.VmId, protectedItem, retainUntil, StopToken)) };
        }
    }
}
