using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt readiness: runs the readiness checks over VMs, resource groups or subscriptions and prints a table or JSON.
    /// Exit code 1 when any check fails, 3 when only scope errors occurred (see <see cref="ExitCodes"/>).
    /// </summary>
    public static class ReadinessCommand
    {
        public const string Usage =
@"azbt readiness [scope] [options]
  scope (any mix; none = every subscription the identity can see):
    --vm <resource id>                 a VM (repeatable)
    --subscription <id>                a whole subscription (repeatable), or the subscription of --resource-group
    --resource-group <name>            a resource group (repeatable; needs exactly one --subscription)
  --check <id|wildcard>                run only these checks (repeatable)
  --exclude-check <id|wildcard>        leave these checks out (repeatable)
  --lang en|it|pt                      language of titles, messages and fixes (default en)
  --output table|json                  default table; json is an array of results
  --fail-on fail|warning               exit 1 on failures (default) or also on warnings
  --scenario <file>                    run against a local ARM emulator serving this scenario (no Azure needed)
  --skip-restore-points                do not read restore points (one request per collection); the limit check skips
  --backup-service-object-id <guid>    object id of the Backup Management Service principal in your tenant, so the
                                       key vault check can recognise its access policy (repeatable)
  connection: --environment AzureCloud|AzureUSGovernment|AzureChinaCloud, --endpoint <https url>,
    --access-token <token> (or env AZBT_ACCESS_TOKEN), --managed-identity [--client-id <id>], --tenant <id>,
    --pin-sha256 <hex> (trust a loopback emulator's certificate), --concurrency <n>";

        public static readonly string[] Flags = { "skip-restore-points" };

        public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
        {
            args.AllowOnly(ConnectionArguments.Names.Concat(ConnectionArguments.FlagNames)
                .Concat(new[] { "vm", "subscription", "resource-group", "check", "exclude-check", "lang", "output", "fail-on", "scenario", "skip-restore-points", "backup-service-object-id" }).ToArray());
            var output = (args.One("output") ?? "table").ToLowerInvariant();
            if (output != "table" && output != "json") throw new UsageException("--output must be table or json.");
            var failOn = (args.One("fail-on") ?? "fail").ToLowerInvariant();
            if (failOn != "fail" && failOn != "warning") throw new UsageException("--fail-on must be fail or warning.");
            var culture = LanguageOption.Culture(args);

            var options = ConnectionArguments.From(args);
            await using var emulator = await EmulatorSession.StartIfRequestedAsync(args.One("scenario"), options).ConfigureAwait(false);

            ReadinessScanner scanner;
            try
            {
                scanner = new ReadinessScanner(ArmConnection.Create(options), args.All("check"), args.All("exclude-check"))
                {
                    Options = new ScanOptions
                    {
                        CountRestorePoints = !args.Flag("skip-restore-points"),
                        BackupServiceObjectIds = args.All("backup-service-object-id").ToList(),
                        Culture = culture,
                    },
                };
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            var scope = await ScopeArguments.BuildAsync(args, scanner.Connection, ct).ConfigureAwait(false);

            var table = output == "table" ? new ResultTable(stdout) : null;
            var json = output == "json" ? new JsonArrayWriter(stdout) : null;

            var counts = new Dictionary<CheckStatus, int>();
            var vms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var scopeErrors = 0;
            await foreach (var evt in scanner.ScanAsync(scope, ct).ConfigureAwait(false))
            {
                switch (evt)
                {
                    case ResultEvent r:
                        counts[r.Result.Status] = counts.TryGetValue(r.Result.Status, out var n) ? n + 1 : 1;
                        vms.Add(r.Result.VmId);
                        table?.Write(r.Result);
                        json?.Write(r.Result);
                        break;
                    case ScopeErrorEvent e:
                        scopeErrors++;
                        stderr.WriteLine($"error: {e.ErrorId}: {e.Message}");
                        break;
                }
            }
            json?.End();

            int Count(CheckStatus s) => counts.TryGetValue(s, out var c) ? c : 0;
            stderr.WriteLine($"{vms.Count} VM(s): {Count(CheckStatus.Fail)} failed, {Count(CheckStatus.Warning)} warning, {Count(CheckStatus.Pass)} passed, {Count(CheckStatus.Skipped)} skipped, {Count(CheckStatus.Error)} error; {scopeErrors} scope error(s).");

            var failing = Count(CheckStatus.Fail) + Count(CheckStatus.Error) + (failOn == "warning" ? Count(CheckStatus.Warning) : 0);
            if (failing > 0) return ExitCodes.ChecksFailed;
            return scopeErrors > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }
    }
}
