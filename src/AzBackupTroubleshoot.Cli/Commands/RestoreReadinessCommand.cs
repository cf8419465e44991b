using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Restore;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt restore-readiness: runs the restore pre-checks for one planned restore and prints a table or JSON.
    /// Exit code 1 when any pre-check fails, 3 when only reads failed, 2 for bad input (see <see cref="ExitCodes"/>).
    /// </summary>
    public static class RestoreReadinessCommand
    {
        public const string Usage =
@"azbt restore-readiness --vm <id> --target-resource-group <id> [options]
  --vm <resource id>                   the VM to restore (it may have been deleted since its backups)
  --protected-item <id>                or: the vault's protected item for it (names the vault too)
  --target-resource-group <id>         /subscriptions/<guid>/resourceGroups/<group> the VM or disks go to
  --vault <id>                         the Recovery Services vault (default: found in the VM's subscription)
  --storage-account <id>               the staging storage account
  --subnet <id>                        .../virtualNetworks/<vnet>/subnets/<subnet> for the new VM
  --vm-name <name>                     the new VM's name
  --dns-label <label>                  the DNS label of the new VM's public IP
  --vm-size <size>                     the new VM's size (default: the source VM's)
  --target-region <region>             default: the vault's region (another one means Cross Region Restore)
  --lang en|it|pt                      language of titles, messages and fixes (default en)
  --output table|json                  default table; json is an array of results
  --scenario <file>                    run against a local ARM emulator serving this scenario
  connection: as for azbt readiness (--environment, --endpoint, --access-token, --managed-identity, ...)";

        private static readonly string[] Options =
        {
            "vm", "protected-item", "target-resource-group", "vault", "storage-account", "subnet", "vm-name", "dns-label", "vm-size", "target-region",
            "lang", "output", "scenario",
        };

        public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
        {
            args.AllowOnly(ConnectionArguments.Names.Concat(ConnectionArguments.FlagNames).Concat(Options).ToArray());
            var output = (args.One("output") ?? "table").ToLowerInvariant();
            if (output != "table" && output != "json") throw new UsageException("--output must be table or json.");
            var culture = LanguageOption.Culture(args);
            var request = new RestoreRequest
            {
                SourceVmId = args.One("vm"),
                ProtectedItemId = args.One("protected-item"),
                TargetResourceGroupId = args.One("target-resource-group"),
                VaultId = args.One("vault"),
                StorageAccountId = args.One("storage-account"),
                SubnetId = args.One("subnet"),
                TargetVmName = args.One("vm-name"),
                DnsLabel = args.One("dns-label"),
                VmSize = args.One("vm-size"),
                TargetRegion = args.One("target-region"),
            };
            try
            {
                request.Validate(); // bad input is reported before an emulator starts or a token is asked for
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var options = ConnectionArguments.From(args);
            await using var emulator = await EmulatorSession.StartIfRequestedAsync(args.One("scenario"), options).ConfigureAwait(false);
            ArmConnection connection;
            try
            {
                connection = ArmConnection.Create(options);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            var report = await new RestoreReadiness(connection) { Culture = culture }.CheckAsync(request, ct).ConfigureAwait(false);

            if (output == "json")
            {
                var json = new JsonArrayWriter(stdout);
                foreach (var result in report.Results) json.Write(result);
                json.End();
            }
            else
            {
                var table = new ResultTable(stdout);
                foreach (var result in report.Results) table.Write(result);
            }
            foreach (var error in report.Errors) stderr.WriteLine($"error: {error.ErrorId}: {error.Message}");

            int Count(CheckStatus s) => report.Results.Count(r => r.Status == s);
            stderr.WriteLine($"restore pre-checks: {Count(CheckStatus.Fail)} failed, {Count(CheckStatus.Warning)} warning, {Count(CheckStatus.Pass)} passed, {Count(CheckStatus.Skipped)} skipped, {Count(CheckStatus.Error)} error; {report.Errors.Count} scope error(s).");
            if (Count(CheckStatus.Fail) + Count(CheckStatus.Error) > 0) return ExitCodes.ChecksFailed;
            return report.Errors.Count > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }
    }
}
