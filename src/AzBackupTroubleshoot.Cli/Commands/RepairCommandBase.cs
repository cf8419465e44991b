using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// What every repair-like command (repair restore-points | extension, backup start, job cancel) shares: nothing
    /// changes without --yes, --dry-run shows the plan and sends no write (exactly one of them is required), the
    /// connection options, and the records printed as a table or JSON. Exit 0 when every action succeeded, 1 when one
    /// failed or the repair was refused.
    /// </summary>
    public abstract class RepairCommandBase : Command
    {
        private readonly CliConsole _console;
        private readonly ConnectionOptions _connection = new();
        private readonly Option<bool> _dryRun = OptionKit.Flag("--dry-run", "show what would change and send no write");
        private readonly Option<bool> _yes = OptionKit.Flag("--yes", "make the change");
        private readonly Option<string> _output = OptionKit.Output();

        protected RepairCommandBase(string name, string description, CliConsole console) : base(name, description)
        {
            _console = console;
        }

        /// <summary>Adds the shared options after the command's own ones, so help lists the command's first.</summary>
        protected void AddSharedOptions()
        {
            Add(_dryRun);
            Add(_yes);
            Add(_output);
            OptionKit.ExactlyOne(this, "Say --dry-run to see what would change, or --yes to change it.", _dryRun, _yes);
            _connection.AddTo(this);
            SetAction(RunAsync);
        }

        /// <summary>Plans and (unless <paramref name="dryRun"/>) carries out the repair; one record per action.</summary>
        protected abstract Task<List<RepairRecord>> RepairAsync(ParseResult parse, ArmConnection connection, bool dryRun, CancellationToken ct);

        /// <summary>--vm, for the commands that repair one VM.</summary>
        protected static Option<string> VmOption() => OptionKit.Text("--vm", "the VM", "resource id").Required().Checked(id => Arm.Identifiers.VmId(id));

        /// <summary>--retain-days: how long the recovery point of a backup it starts is kept.</summary>
        protected static Option<int?> RetainDaysOption() => OptionKit.Number("--retain-days", "keep the recovery point of a backup it starts this many days (default 30)", 1, 99 * 365);

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            await using var arm = await _connection.OpenAsync(parse, _console).ConfigureAwait(false);
            List<RepairRecord> records;
            try
            {
                records = await RepairAsync(parse, arm.Connection, parse.GetValue(_dryRun), ct).ConfigureAwait(false);
            }
            catch (RepairRefusedException ex)
            {
                _console.Error.WriteLine($"error: {ex.ErrorId}: {ex.Message}");
                return ExitCodes.ChecksFailed;
            }

            var stdout = _console.Out;
            if (parse.GetValue(_output) == "json")
            {
                var writer = new JsonArrayWriter(stdout);
                foreach (var r in records) writer.Write(r);
                writer.End();
            }
            else
            {
                foreach (var r in records) stdout.WriteLine($"{r.Status,-12} {r.Action,-30} {r.Message}");
            }
            return records.Any(r => r.Status == RepairStatus.Failed) ? ExitCodes.ChecksFailed : ExitCodes.Success;
        }
    }
}
