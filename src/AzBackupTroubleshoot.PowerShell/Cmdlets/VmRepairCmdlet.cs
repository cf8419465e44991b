using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.Arm;
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

        /// <summary>
        /// The directory of lock journals (default: $env:AZBT_JOURNAL_DIR, else %LOCALAPPDATA%\AzBackupTroubleshoot\journal
        /// on Windows, ~/.local/state/AzBackupTroubleshoot/journal elsewhere). Point a runbook at a path that survives it.
        /// </summary>
        [Parameter]
        public string? JournalPath { get; set; }

        /// <summary>
        /// How long one repair may run (e.g. 00:30:00, the default). After it the repair starts no new step, puts back
        /// the locks it lifted and reports what it did not finish.
        /// </summary>
        [Parameter]
        public TimeSpan Deadline { get; set; } = RepairOptions.DefaultDeadline;

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
                    ArmIds.ParseVmId(id); // a malformed id is bad input, before any journal is opened
                    var options = new RepairOptions { JournalDirectory = JournalPath, Deadline = Deadline, DryRun = WhatIfRequested, OnRecord = StreamRecord };
                    // The run first puts back what an interrupted repair of this VM left lifted, then the VM is read.
                    using var run = Pump(RepairRun.StartAsync(Connection, id.Trim(), options, StopToken));
                    var vm = Await(VmInventoryReader.ReadAsync(Connection, id, StopToken));
                    Repair(vm, run);
                });
            }
        }

        /// <summary>
        /// Plans the repair of one VM, asks before each action (<see cref="RepairCmdlet.Approve"/>), and carries out what
        /// was approved within <paramref name="run"/>, through <see cref="RepairCmdlet.Pump{T}"/> so records stream.
        /// </summary>
        protected abstract void Repair(VmInventory vm, RepairRun run);
    }
}
