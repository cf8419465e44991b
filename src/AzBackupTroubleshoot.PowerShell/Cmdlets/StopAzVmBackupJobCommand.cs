using System.Management.Automation;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Stop-AzVmBackupJob: cancels an Azure VM backup job that is in progress. The job is read first, so a job that is
    /// finished, in a phase that cannot be cancelled, or not a VM backup job is refused with a clear reason.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "AzVmBackupJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RepairRecord))]
    public sealed class StopAzVmBackupJobCommand : RepairCmdlet
    {
        /// <summary>The job's full resource id ({vault id}/backupJobs/{name}).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidatePattern(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.RecoveryServices/vaults/[^/]+/backupJobs/[^/]+/?$")]
        public string[] JobId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var jobId in JobId)
            {
                RepairOne(jobId, "InvalidJobId", () =>
                {
                    var control = new BackupJobControl(Connection);
                    var job = Await(control.GetJobAsync(jobId, StopToken));
                    BackupJobControl.EnsureCancellable(job);
                    // Job records name the VM only by its friendly name.
                    var vmName = job.Str("properties.entityFriendlyName") ?? "";
                    var description = $"Cancel backup job {job.Str("name")} of {vmName}";
                    if (!Approve(jobId, description))
                    {
                        WriteRecords(new[] { new RepairRecord { VmId = vmName, Action = "CancelJob", Target = jobId, JobId = job.Str("name"), Status = RepairStatus.WhatIf, Message = "What if: " + description } });
                        return;
                    }
                    WriteRecords(new[] { Await(control.CancelAsync(vmName, job, StopToken)) });
                });
            }
        }
    }
}
