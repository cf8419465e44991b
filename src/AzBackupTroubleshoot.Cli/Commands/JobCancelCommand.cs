using System.Collections.Generic;
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
            AddSharedOptions();
        }

        protected override async Task<List<RepairRecord>> RepairAsync(ParseResult parse, ArmConnection connection, bool dryRun, CancellationToken ct)
        {
            var control = new BackupJobControl(connection);
            var job = await control.GetJobAsync(parse.GetValue(_job)!, ct).ConfigureAwait(false);
            var action = BackupJobControl.Plan(job);
            action.Approved = !dryRun;
            return new List<RepairRecord> { await control.ExecuteAsync(job, action, ct).ConfigureAwait(false) };
        }
    }
}
