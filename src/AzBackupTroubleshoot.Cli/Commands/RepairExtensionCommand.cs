using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt repair extension: reinstalls a failed Azure Backup VM extension.</summary>
    public sealed class RepairExtensionCommand : RepairCommandBase
    {
        private readonly Option<string> _vm = VmOption();

        public RepairExtensionCommand(CliConsole console) : base("extension", "reinstall the VM's failed backup extension", console)
        {
            Add(_vm);
            AddSharedOptions();
        }

        protected override async Task<List<RepairRecord>> RepairAsync(ParseResult parse, ArmConnection connection, bool dryRun, CancellationToken ct)
        {
            var vm = await VmInventoryReader.ReadAsync(connection, parse.GetValue(_vm)!, ct).ConfigureAwait(false);
            var action = BackupExtensionRepair.Plan(vm);
            if (action == null) return new List<RepairRecord> { BackupExtensionRepair.NothingToDo(vm) };
            action.Approved = !dryRun;
            return new List<RepairRecord> { await new BackupExtensionRepair(connection).ExecuteAsync(vm.VmId, action, ct).ConfigureAwait(false) };
        }
    }
}
