using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt backup start: an on-demand backup of a protected VM.</summary>
    public sealed class BackupStartCommand : RepairCommandBase
    {
        private readonly Option<string> _vm = VmOption();
        private readonly Option<int?> _retainDays = RetainDaysOption();

        public BackupStartCommand(CliConsole console) : base("start", "start an on-demand backup of the VM", console)
        {
            Add(_vm);
            Add(_retainDays);
            AddSharedOptions();
        }

        protected override Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct)
            => VmRepairs.StartBackupAsync(connection, parse.GetValue(_vm)!.Trim(), DateTimeOffset.UtcNow.AddDays(parse.GetValue(_retainDays) ?? 30), options, _ => true, ct);
    }
}
