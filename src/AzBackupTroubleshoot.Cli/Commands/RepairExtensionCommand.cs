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

        protected override Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct)
            => VmRepairs.RemoveBackupExtensionAsync(connection, parse.GetValue(_vm)!.Trim(), options, _ => true, ct);
    }
}
