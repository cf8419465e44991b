using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt readiness: runs the readiness checks over VMs, resource groups or subscriptions and prints a table or JSON.
    /// With --input it evaluates a saved inventory (azbt collect --out) instead, with no Azure access, judged as of
    /// the time it was collected. Exit code 1 when any check fails, 3 when only scope errors occurred (see <see cref="ExitCodes"/>).
    /// </summary>
    public sealed class ReadinessCommand : Command
    {
        private readonly CliConsole _console;
        private readonly ScopeOptions _scope = new();
        private readonly ConnectionOptions _connection = new();
        private readonly Option<string[]> _check = CheckOptions.Include();
        private readonly Option<string[]> _excludeCheck = CheckOptions.Exclude();
        private readonly Option<string[]> _tag = CheckOptions.Tag();
        private readonly Option<string> _input = OptionKit.Text("--input",
            "evaluate a saved inventory (written by 'azbt collect --out') instead of reading ARM: no Azure access needed", "file");
        private readonly Option<Knowledge.KnowledgeLanguage> _lang = LanguageOption.Create();
        private readonly Option<string> _output = OptionKit.Output();
        private readonly Option<string> _failOn = OptionKit.Choice("--fail-on", "exit 1 on failures, or also on warnings", "fail", "warning");
        private readonly Option<bool> _skipRestorePoints = CheckOptions.SkipRestorePoints();
        private readonly Option<string> _inventorySource = CheckOptions.InventorySource();
        private readonly Option<string[]> _backupServiceObjectId = CheckOptions.BackupServiceObjectId();
        private readonly DisplayOptions _display = new();

        public ReadinessCommand(CliConsole console) : base("readiness", "run the readiness checks over VMs, resource groups or subscriptions")
        {
            _console = console;
            _scope.AddTo(this);
            foreach (var option in new Option[] { _check, _excludeCheck, _tag, _lang, _output, _failOn, _skipRestorePoints, _inventorySource, _backupServiceObjectId, _input }) Add(option);
            _display.AddTo(this);
            _connection.AddTo(this);
            Validators.Add(result =>
            {
                if (!OptionKit.Given(result, _input)) return;
                var reading = _scope.All.Concat(_connection.All).Append(_skipRestorePoints).Append(_inventorySource).Where(o => OptionKit.Given(result, o)).Select(o => o.Name).ToList();
                if (reading.Count > 0)
                    result.AddError($"--input evaluates a saved inventory and reads nothing from Azure: leave out {string.Join(", ", reading)} (choose the scope when collecting).");
            });
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var stdout = _console.Out;
            var stderr = _console.Error;
            var output = parse.GetValue(_output);
            var failOnWarning = parse.GetValue(_failOn) == "warning";

            var options = new ScanOptions
            {
                CountRestorePoints = !parse.GetValue(_skipRestorePoints),
                InventorySource = CheckOptions.InventorySourceOf(parse.GetValue(_inventorySource)),
                BackupServiceObjectIds = (parse.GetValue(_backupServiceObjectId) ?? Array.Empty<string>()).ToList(),
                Culture = LanguageOption.Culture(parse.GetValue(_lang)),
            };
            var input = parse.GetValue(_input);
            await using var arm = input == null ? await _connection.OpenAsync(parse, _console).ConfigureAwait(false) : null;
            ReadinessScanner scanner;
            ScanScope scope;
            if (arm == null)
            {
                // Judged as of the collection, so the verdicts are the live scan's (a job's age, a lock's expiry).
                var saved = InventoryFile.Load(input!);
                options.Clock = () => saved.CollectedAt;
                scanner = new ReadinessScanner(saved, CheckCatalog.Select(parse.GetValue(_check), parse.GetValue(_excludeCheck), parse.GetValue(_tag))) { Options = options };
                scope = new ScanScope();
            }
            else
            {
                scanner = new ReadinessScanner(arm.Connection, parse.GetValue(_check), parse.GetValue(_excludeCheck), parse.GetValue(_tag)) { Options = options };
                scope = await _scope.BuildAsync(parse, arm.Connection, ct).ConfigureAwait(false);
            }

            await using var view = await ScanOutput.StartAsync(_display.Request(parse, _console, output == "json", _connection.ForNextCommand(parse)), stdout, stderr).ConfigureAwait(false);
            await foreach (var evt in scanner.ScanAsync(scope, ct).ConfigureAwait(false)) view.Write(evt);
            await view.EndAsync().ConfigureAwait(false);

            int Count(CheckStatus s) => view.Count(s);
            var scopeErrors = view.ScopeErrors;
            var failing = Count(CheckStatus.Fail) + Count(CheckStatus.Error) + (failOnWarning ? Count(CheckStatus.Warning) : 0);
            if (failing > 0) return ExitCodes.ChecksFailed;
            return scopeErrors > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }
    }
}
