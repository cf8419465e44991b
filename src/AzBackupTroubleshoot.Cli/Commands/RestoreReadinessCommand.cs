using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Restore;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt restore-readiness: runs the restore pre-checks for one planned restore and prints a table or JSON.
    /// Exit code 1 when any pre-check fails, 3 when only reads failed, 2 for bad input (see <see cref="ExitCodes"/>).
    /// </summary>
    public sealed class RestoreReadinessCommand : Command
    {
        private readonly CliConsole _console;
        private readonly ConnectionOptions _connection = new();
        private readonly Option<string> _vm = OptionKit.Text("--vm", "the VM to restore (it may have been deleted since its backups)", "resource id");
        private readonly Option<string> _protectedItem = OptionKit.Text("--protected-item", "or: the vault's protected item for it (names the vault too)", "id");
        private readonly Option<string> _targetResourceGroup = OptionKit.Text("--target-resource-group", "/subscriptions/<guid>/resourceGroups/<group> the VM or disks go to", "id").Required();
        private readonly Option<string> _vault = OptionKit.Text("--vault", "the Recovery Services vault (default: found in the VM's subscription)", "id");
        private readonly Option<string> _storageAccount = OptionKit.Text("--storage-account", "the staging storage account", "id");
        private readonly Option<string> _subnet = OptionKit.Text("--subnet", ".../virtualNetworks/<vnet>/subnets/<subnet> for the new VM", "id");
        private readonly Option<string> _vmName = OptionKit.Text("--vm-name", "the new VM's name", "name");
        private readonly Option<string> _dnsLabel = OptionKit.Text("--dns-label", "the DNS label of the new VM's public IP", "label");
        private readonly Option<string> _vmSize = OptionKit.Text("--vm-size", "the new VM's size (default: the source VM's)", "size");
        private readonly Option<string> _targetRegion = OptionKit.Text("--target-region", "default: the vault's region (another one means Cross Region Restore)", "region");
        private readonly Option<Knowledge.KnowledgeLanguage> _lang = LanguageOption.Create();
        private readonly Option<string> _output = OptionKit.Output();
        private readonly DisplayOptions _display = new();

        public RestoreReadinessCommand(CliConsole console) : base("restore-readiness", "pre-check a planned restore: will it fail, and why")
        {
            _console = console;
            foreach (var option in new Option[] { _vm, _protectedItem, _targetResourceGroup, _vault, _storageAccount, _subnet, _vmName, _dnsLabel, _vmSize, _targetRegion, _lang, _output })
                Add(option);
            _display.AddTo(this);
            _connection.AddTo(this);
            // The request's own rules (ids of the right kind, names ARM accepts), checked while parsing, before anything is read.
            Validators.Add(result =>
            {
                if (OptionKit.EngineRule(() => Request(result.GetValue).Validate()) is string error) result.AddError(error);
            });
            SetAction(RunAsync);
        }

        private RestoreRequest Request(Func<Option<string>, string?> value) => new()
        {
            SourceVmId = value(_vm),
            ProtectedItemId = value(_protectedItem),
            TargetResourceGroupId = value(_targetResourceGroup),
            VaultId = value(_vault),
            StorageAccountId = value(_storageAccount),
            SubnetId = value(_subnet),
            TargetVmName = value(_vmName),
            DnsLabel = value(_dnsLabel),
            VmSize = value(_vmSize),
            TargetRegion = value(_targetRegion),
        };

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var stdout = _console.Out;
            var stderr = _console.Error;
            var request = Request(parse.GetValue);
            await using var arm = await _connection.OpenAsync(parse, _console).ConfigureAwait(false);
            var report = await new RestoreReadiness(arm.Connection) { Culture = LanguageOption.Culture(parse.GetValue(_lang)) }.CheckAsync(request, ct).ConfigureAwait(false);

            // One restore's pre-checks come back at once: no progress bar, the same report or table as readiness.
            var want = _display.Request(parse, _console, parse.GetValue(_output) == "json") with { Subject = ReportSubject.Restore, WithProgress = false };
            await using var view = await ScanOutput.StartAsync(want, stdout, stderr).ConfigureAwait(false);
            foreach (var result in report.Results) view.Write(result);
            foreach (var error in report.Errors) view.Write(error);
            await view.EndAsync().ConfigureAwait(false);

            int Count(CheckStatus s) => view.Count(s);
            if (Count(CheckStatus.Fail) + Count(CheckStatus.Error) > 0) return ExitCodes.ChecksFailed;
            return report.Errors.Count > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }
    }
}
