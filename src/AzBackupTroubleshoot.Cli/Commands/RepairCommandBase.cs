using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// What every repair-like command (repair restore-points | extension | resume, backup start, job cancel) shares:
    /// nothing changes without --yes, --dry-run shows the plan and sends no write, --deadline and --journal-dir, the
    /// connection options, and the records printed one line (or one JSON array element) per step the moment the step
    /// completes, so a crash never hides a change that was made. Exit 0 when every step succeeded, 1 when one failed; a
    /// refusal goes through <see cref="ErrorReport"/> (exit 10 for a safety rule, 7 for a VM that does not exist, ...).
    /// </summary>
    public abstract class RepairCommandBase : Command
    {
        private readonly CliConsole _console;
        private readonly ConnectionOptions _connection = new();
        private readonly Option<bool> _dryRun = OptionKit.Flag("--dry-run", "show what would change and send no write");
        private readonly Option<bool> _yes = OptionKit.Flag("--yes", "make the change");
        private readonly Option<string> _output = OptionKit.Output();
        private readonly Option<TimeSpan?> _deadline = OptionKit.Duration("--deadline",
            "after this (default 30m) start no new step, put the lifted locks back and report what was not finished", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        private readonly Option<string> _journalDir = OptionKit.Text("--journal-dir",
            $"where lock journals are kept (default ${LockJournalFile.DirectoryVariable}, else the per-user state directory); point a runbook at a path that survives it", "dir");

        protected RepairCommandBase(string name, string description, CliConsole console) : base(name, description)
        {
            _console = console;
        }

        /// <summary>Adds the shared options after the command's own ones, so help lists the command's first.</summary>
        /// <param name="consentRequired">False for a command that only puts things back (resume): --yes is then implied.</param>
        /// <param name="journaled">Whether the command keeps a lock journal (--journal-dir).</param>
        /// <param name="deadline">Whether the command takes --deadline.</param>
        protected void AddSharedOptions(bool consentRequired = true, bool journaled = true, bool deadline = true)
        {
            Add(_dryRun);
            Add(_yes);
            if (deadline) Add(_deadline);
            if (journaled) Add(_journalDir);
            Add(_output);
            if (consentRequired) OptionKit.ExactlyOne(this, "Say --dry-run to see what would change, or --yes to change it.", _dryRun, _yes);
            else OptionKit.OneAtMost(this, "Give --dry-run or --yes, not both.", _dryRun, _yes);
            _connection.AddTo(this);
            SetAction(RunAsync);
        }

        /// <summary>
        /// Plans and (unless <see cref="RepairOptions.DryRun"/>) carries out the repair, reporting every record through
        /// <see cref="RepairOptions.OnRecord"/> as its step completes.
        /// </summary>
        protected abstract Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct);

        /// <summary>--vm, for the commands that repair one VM; a malformed id is a parse error (exit 2), before anything is read.</summary>
        protected static Option<string> VmOption(bool required = true, string description = "the VM")
        {
            var option = OptionKit.Text("--vm", description, "resource id").Checked(id => Arm.Identifiers.VmId(id));
            option.Required = required;
            return option;
        }

        /// <summary>--retain-days: how long the recovery point of a backup it starts is kept.</summary>
        protected static Option<int?> RetainDaysOption() => OptionKit.Number("--retain-days", "keep the recovery point of a backup it starts this many days (default 30)", 1, 99 * 365);

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var printer = new RecordPrinter(_console.Out, parse.GetValue(_output) == "json");
            var options = new RepairOptions
            {
                DryRun = parse.GetValue(_dryRun),
                Deadline = parse.GetValue(_deadline) ?? RepairOptions.DefaultDeadline,
                JournalDirectory = parse.GetValue(_journalDir),
                OnRecord = printer.Print,
            };
            await using var arm = await _connection.OpenAsync(parse, _console).ConfigureAwait(false);
            try
            {
                await RepairAsync(parse, arm.Connection, options, ct).ConfigureAwait(false);
            }
            finally
            {
                // Whatever stops the repair (a refusal, Ctrl+C), what was printed stays a complete JSON array; the
                // error itself goes to stderr through ErrorReport.
                printer.End();
            }
            return printer.AnyFailed ? ExitCodes.ChecksFailed : ExitCodes.Success;
        }

        /// <summary>
        /// Prints each record as it arrives (from whatever thread reports it) and flushes at once. In JSON each record is
        /// one line of the array, so a script can follow the run line by line and a cut-off run still shows whole records.
        /// </summary>
        private sealed class RecordPrinter
        {
            private static readonly System.Text.Json.JsonSerializerOptions OneLine = new(JsonOutput.Options) { WriteIndented = false };

            private readonly TextWriter _out;
            private readonly JsonArrayWriter? _json;
            private readonly object _gate = new object();

            public RecordPrinter(TextWriter output, bool json)
            {
                _out = output;
                _json = json ? new JsonArrayWriter(output, OneLine) : null;
            }

            public bool AnyFailed { get; private set; }

            public void Print(RepairRecord record)
            {
                lock (_gate)
                {
                    if (record.Status == RepairStatus.Failed) AnyFailed = true;
                    if (_json != null) _json.Write(record);
                    else
                    {
                        _out.WriteLine($"{record.Status,-12} {record.Action,-30} {record.Message}");
                        _out.Flush();
                    }
                }
            }

            public void End()
            {
                lock (_gate) _json?.End();
            }
        }
    }
}
