using System;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Stop-AzVmBackupJob: cancels an Azure VM backup job that is in progress. The job is read first, so a job that is
    /// finished, in a phase that cannot be cancelled, or not a VM backup job is refused with a clear reason.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "AzVmBackupJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BackupRepairRecord))]
    public sealed class StopAzVmBackupJobCommand : RepairCmdlet
    {
        /// <summary>The job's full resource id ({vault id}/backupJobs/{name}).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidatePattern(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.RecoveryServices/vaults/[^/]+/backupJobs/[^/]+/?$")]
        public string[] JobId { get; set; } = new string[0];

        /// <summary>
        /// How long one repair may run (e.g. 00:30:00, the default). After it the repair starts no new step, puts back
        /// the locks it lifted and reports what it did not finish.
        /// </summary>
        [Parameter]
        public TimeSpan Deadline { get; set; } = RepairOptions.DefaultDeadline;

        protected override void ProcessRecord()
        {
            foreach (var jobId in JobId)
            {
                RepairOne(jobId, "InvalidJobId", () =>
                {
                    var control = new BackupJobControl(Connection);
                    var job = Await(control.GetJobAsync(jobId, StopToken));
                    var action = BackupJobControl.Plan(job);
                    action.Approved = Approve(action.Target, action.Description);
                    using var deadline = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(StopToken);
                    deadline.CancelAfter(Deadline);
                    WriteRecord(Await(control.ExecuteAsync(job, action, deadline.Token)));
                });
            }
        }
    }
}
