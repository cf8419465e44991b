using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// A repair of one VM at a time: takes VM ids (typed, or piped from Get-AzVM or from Test-AzVmBackupReadiness
    /// results), reads each VM's inventory and hands it to <see cref="Repair"/>.
    /// </summary>
    public abstract class VmRepairCmdlet : RepairCmdlet
    {
        // Readiness results come one per check, so the same VM is piped in many times; it is repaired once.
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// VM resource ids. Piped objects bind by Id (Get-AzVM) or VmId (Test-AzVmBackupReadiness results, RepairRecords).
        /// Id comes first: PowerShell tries aliases in order, and Get-AzVM objects also have a VmId that is the VM's GUID.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "VmId")]
        public string[] ResourceId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var id in ResourceId)
            {
                if (!_seen.Add(id.Trim().TrimEnd('/')))
                {
                    WriteVerbose($"{id} was already handled in this pipeline.");
                    continue;
                }
                RepairOne(id, "InvalidResourceId", () =>
                {
                    var vm = Await(VmInventoryReader.ReadAsync(Connection, id, StopToken));
                    WriteRecords(Repair(vm));
                });
            }
        }

        /// <summary>Plans the repair of one VM, asks before each action (<see cref="RepairCmdlet.Approve"/>), and carries out what was approved.</summary>
        protected abstract IEnumerable<RepairRecord> Repair(VmInventory vm);
    }
}
