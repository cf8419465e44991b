using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt repair resume: puts back the locks that unfinished lock journals say are lifted (one VM's journal with --vm,
    /// else every journal in the directory), as Restore-AzBackupLock does. Idempotent: a lock already back is only read
    /// and a finished journal is removed. Putting a lock back needs no --yes; --dry-run only reads the journals.
    /// </summary>
    public sealed class RepairResumeCommand : RepairCommandBase
    {
        private readonly Option<string> _vm = VmOption(required: false, description: "the VM whose journal to resume (default: every journal in the directory)");

        public RepairResumeCommand(CliConsole console)
            : base("resume", "put back the locks an interrupted repair left lifted, from the lock journals", console)
        {
            Add(_vm);
            AddSharedOptions(consentRequired: false, deadline: false);
        }

        protected override Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct)
            => LockJournalResume.RunAsync(connection, options.JournalDirectory, parse.GetValue(_vm)?.Trim(), options.DryRun, options.OnRecord);
    }
}
