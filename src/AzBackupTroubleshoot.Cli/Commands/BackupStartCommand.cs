using System;
using System.Collections.Generic;
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

        protected override async Task<List<RepairRecord>> RepairAsync(ParseResult parse, ArmConnection connection, bool dryRun, CancellationToken ct)
        {
            var retainUntil = DateTimeOffset.UtcNow.AddDays(parse.GetValue(_retainDays) ?? 30);
            var vm = await VmInventoryReader.ReadAsync(connection, parse.GetValue(_vm)!, ct).ConfigureAwait(false);
            var action = BackupTrigger.Plan(vm, retainUntil);
            action.Approved = !dryRun;
            return new List<RepairRecord> { await new BackupTrigger(connection).ExecuteAsync(vm.VmId, action, retainUntil, ct).ConfigureAwait(false) };
        }
    }
}
