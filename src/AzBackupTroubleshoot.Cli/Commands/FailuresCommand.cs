using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt failures: why recent backup jobs failed. One diagnosis per failed, warning or overrunning job of the last
    /// 14 days. Exit 1 when any job failed, 3 when only scope errors occurred, 0 otherwise.
    /// </summary>
    public static class FailuresCommand
    {
        public const string Usage =
@"azbt failures [scope] [options]
  scope (any mix; none = every subscription the identity can see):
    --vm <resource id>                 a VM (repeatable)
    --subscription <id>                a whole subscription (repeatable), or the subscription of --resource-group
    --resource-group <name>            a resource group (repeatable; needs exactly one --subscription)
    --vault <resource id>              the jobs of one Recovery Services vault (alone)
  --lang en|it|pt                      language of the diagnoses (default en)
  --output table|json                  default table; json is an array of diagnoses
  --scenario <file>                    run against a local ARM emulator serving this scenario (no Azure needed)
  --skip-restore-points                do not read restore points; the restore point checks skip
  --backup-service-object-id <guid>    object id of the Backup Management Service principal in your tenant (repeatable)
  connection: as for azbt readiness (--environment, --endpoint, --access-token, --managed-identity, --client-id,
    --tenant, --pin-sha256, --concurrency)";

        public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
        {
            args.AllowOnly(ConnectionArguments.Names.Concat(ConnectionArguments.FlagNames)
                .Concat(new[] { "vm", "subscription", "resource-group", "vault", "lang", "output", "scenario", "skip-restore-points", "backup-service-object-id" }).ToArray());
            var language = LanguageOption.Language(args);
            var json = ExplainCommand.Output(args) == "json";
            var vault = args.One("vault");
            if (vault != null && (args.All("vm").Count > 0 || args.All("subscription").Count > 0 || args.All("resource-group").Count > 0))
                throw new UsageException("--vault is a scope of its own; do not combine it with --vm, --subscription or --resource-group.");

            var options = ConnectionArguments.From(args);
            await using var emulator = await EmulatorSession.StartIfRequestedAsync(args.One("scenario"), options).ConfigureAwait(false);
            var connection = ArmConnection.Create(options);
            var triage = new BackupFailureTriage(connection, LanguageOption.Culture(args))
            {
                Options = new ScanOptions
                {
                    CountRestorePoints = !args.Flag("skip-restore-points"),
                    BackupServiceObjectIds = args.All("backup-service-object-id").ToList(),
                },
            };
            IAsyncEnumerable<ScanEvent> events;
            try
            {
                events = vault != null ? triage.DiagnoseVaultAsync(vault, ct) : triage.DiagnoseAsync(await ScopeArguments.BuildAsync(args, connection, ct).ConfigureAwait(false), ct);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var writer = json ? new JsonArrayWriter(stdout) : null;
            int failed = 0, total = 0, known = 0, scopeErrors = 0;
            await foreach (var evt in events.ConfigureAwait(false))
            {
                switch (evt)
                {
                    case DiagnosisEvent d:
                        total++;
                        if (d.Diagnosis.Kind == FailureKind.Failed) failed++;
                        if (d.Diagnosis.Match != null) known++;
                        if (writer != null) writer.Write(d.Diagnosis);
                        else WriteText(stdout, d.Diagnosis, language);
                        break;
                    case ScopeErrorEvent e:
                        scopeErrors++;
                        stderr.WriteLine($"error: {e.ErrorId}: {e.Message}");
                        break;
                }
            }
            writer?.End();
            stderr.WriteLine(total == 0
                ? Phrases.Default.Format("noFailures", language, ("days", 14))
                : Phrases.Default.Format("failuresSummary", language, ("count", total), ("known", known)));

            if (failed > 0) return ExitCodes.ChecksFailed;
            return scopeErrors > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }

        private static void WriteText(TextWriter stdout, BackupFailureDiagnosis d, KnowledgeLanguage language)
        {
            string Label(string key) => Phrases.Default.Text("label." + key, language);
            var started = d.StartTime?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
            stdout.WriteLine($"{d.VmName}  {d.Kind}  {started}  {Label("job")} {d.JobName} ({d.VaultName})");
            if (d.ErrorMessage != null) stdout.WriteLine($"  {Label("error")}: {d.ErrorMessage}");
            if (d.Match != null)
                stdout.WriteLine($"  {Label("match")}: {d.Match.Code} - {d.Match.Title} ({Label("score")} {d.Match.Score.ToString("0.00", CultureInfo.InvariantCulture)})");
            if (d.UnderlyingDetail != null)
                stdout.WriteLine($"  {Label("detail")}: {d.UnderlyingDetail}" + (d.DetailMatch != null ? $" [{d.DetailMatch.Code}]" : ""));
            stdout.WriteLine($"  {Label("cause")}: {d.MostLikelyCause}");
            if (d.Remediation.Length > 0)
            {
                stdout.WriteLine($"  {Label("fix")}:");
                for (var i = 0; i < d.Remediation.Length; i++) stdout.WriteLine($"    {i + 1}. {d.Remediation[i]}");
            }
            if (d.RepairCommand != null) stdout.WriteLine($"  {Label("repair")}: {d.RepairCommand}");
            if (d.RelatedChecks.Length > 0)
                stdout.WriteLine($"  {Label("evidence")}: {string.Join("; ", d.RelatedChecks.Select(r => $"{r.CheckId} {r.Status}"))}");
            stdout.WriteLine();
        }

        // The same scope rules as azbt readiness.
    }
}
