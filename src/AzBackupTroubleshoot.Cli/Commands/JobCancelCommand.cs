using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt job cancel: cancels a backup job that is still in progress.</summary>
    public sealed class JobCancelCommand : RepairCommandBase
    {
        private readonly Option<string> _job = OptionKit.Text("--job", "the backup job: .../vaults/<vault>/backupJobs/<job>", "job resource id").Required().Checked(id => Arm.Identifiers.BackupJobId(id));

        public JobCancelCommand(CliConsole console) : base("cancel", "cancel a backup job in progress", console)
        {
            Add(_job);
            AddSharedOptions(journaled: false); // no lock is lifted, so no journal
        }

        protected override async Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct)
        {
            var control = new BackupJobControl(connection);
            var job = await control.GetJobAsync(parse.GetValue(_job)!, ct).ConfigureAwait(false);
            var action = BackupJobControl.Plan(job);
            action.Approved = !options.DryRun;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(options.Deadline);
            options.OnRecord!(await control.ExecuteAsync(job, action, deadline.Token).ConfigureAwait(false));
        }
    }
}
