using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt failures: why recent backup jobs failed. One diagnosis per failed, warning or overrunning job of the last
    /// 14 days. Exit 1 when any job failed, 3 when only scope errors occurred, 0 otherwise.
    /// </summary>
    public sealed class FailuresCommand : Command
    {
        private readonly CliConsole _console;
        private readonly ScopeOptions _scope = new();
        private readonly ConnectionOptions _connection = new();
        private readonly Option<string> _vault = OptionKit.Text("--vault", "the jobs of one Recovery Services vault (a scope of its own)", "resource id").Checked(id => Arm.Identifiers.VaultId(id));
        private readonly Option<KnowledgeLanguage> _lang = LanguageOption.Create();
        private readonly Option<string> _output = OptionKit.Output();
        private readonly Option<bool> _skipRestorePoints = CheckOptions.SkipRestorePoints();
        private readonly Option<string> _inventorySource = CheckOptions.InventorySource();
        private readonly Option<string[]> _backupServiceObjectId = CheckOptions.BackupServiceObjectId();
        private readonly DisplayOptions _display = new(withShow: false);

        public FailuresCommand(CliConsole console) : base("failures", "why recent backup jobs failed, with the fix")
        {
            _console = console;
            _scope.AddTo(this);
            foreach (var option in new Option[] { _vault, _lang, _output, _skipRestorePoints, _inventorySource, _backupServiceObjectId }) Add(option);
            _display.AddTo(this);
            _connection.AddTo(this);
            Validators.Add(result =>
            {
                if (OptionKit.Given(result, _vault) && _scope.All.Any(o => OptionKit.Given(result, o)))
                    result.AddError("--vault is a scope of its own; do not combine it with --vm, --subscription or --resource-group.");
            });
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var stdout = _console.Out;
            var stderr = _console.Error;
            var language = parse.GetValue(_lang);
            var json = parse.GetValue(_output) == "json";
            var vault = parse.GetValue(_vault);

            await using var arm = await _connection.OpenAsync(parse, _console).ConfigureAwait(false);
            var triage = new BackupFailureTriage(arm.Connection, LanguageOption.Culture(language))
            {
                Options = new ScanOptions
                {
                    CountRestorePoints = !parse.GetValue(_skipRestorePoints),
                    InventorySource = CheckOptions.InventorySourceOf(parse.GetValue(_inventorySource)),
                    BackupServiceObjectIds = (parse.GetValue(_backupServiceObjectId) ?? Array.Empty<string>()).ToList(),
                },
            };
            var events = vault != null ? triage.DiagnoseVaultAsync(vault, ct) : triage.DiagnoseAsync(await _scope.BuildAsync(parse, arm.Connection, ct).ConfigureAwait(false), ct);

            await using var view = await FailuresOutput.StartAsync(_display.Request(parse, _console, json, _connection.ForNextCommand(parse)), language, stdout, stderr).ConfigureAwait(false);
            await foreach (var evt in events.ConfigureAwait(false)) view.Write(evt);
            await view.EndAsync().ConfigureAwait(false);
            var failed = view.Failed;
            var scopeErrors = view.ScopeErrors;

            if (failed > 0) return ExitCodes.ChecksFailed;
            return scopeErrors > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }
    }
}
