using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt repair restore-points | extension, azbt backup start, azbt job cancel: the repairs, non-interactive.
    /// Nothing changes without --yes; --dry-run shows the plan and sends no write.
    /// </summary>
    public static class RepairCommand
    {
        public const string Usage =
@"azbt repair restore-points --vm <id> [--remove-lock] [--keep-latest <n>] [--start-backup] [--retain-days <n>] (--dry-run | --yes)
azbt repair extension --vm <id> (--dry-run | --yes)
azbt backup start --vm <id> [--retain-days <n>] (--dry-run | --yes)
azbt job cancel --job <job resource id> (--dry-run | --yes)
  plus the connection options of azbt readiness (--scenario, --endpoint, --access-token, ...) and --output table|json";

        public static readonly string[] Flags = { "remove-lock", "start-backup", "dry-run", "yes" };

        public static async Task<int> RunAsync(CliArguments args, string verb, string? noun, TextWriter stdout, TextWriter stderr, CancellationToken ct)
        {
            args.AllowOnly(ConnectionArguments.Names.Concat(ConnectionArguments.FlagNames).Concat(Flags)
                .Concat(new[] { "vm", "job", "keep-latest", "retain-days", "scenario", "output" }).ToArray());
            var dryRun = args.Flag("dry-run");
            if (dryRun == args.Flag("yes")) throw new UsageException("Say --dry-run to see what would change, or --yes to change it.");
            var output = (args.One("output") ?? "table").ToLowerInvariant();

            var options = ConnectionArguments.From(args);
            await using var emulator = await EmulatorSession.StartIfRequestedAsync(args.One("scenario"), options).ConfigureAwait(false);
            var connection = ArmConnection.Create(options);
            var retainUntil = DateTimeOffset.UtcNow.AddDays(ParseInt(args.One("retain-days"), "--retain-days", 30, 1, 99 * 365));

            List<RepairRecord> records;
            try
            {
                records = (verb, noun) switch
                {
                    ("repair", "restore-points") => await RestorePointsAsync(connection, args, dryRun, retainUntil, ct).ConfigureAwait(false),
                    ("repair", "extension") => await ExtensionAsync(connection, Vm(args), dryRun, ct).ConfigureAwait(false),
                    ("backup", "start") => await StartBackupAsync(connection, Vm(args), dryRun, retainUntil, ct).ConfigureAwait(false),
                    ("job", "cancel") => await CancelJobAsync(connection, args.One("job") ?? throw new UsageException("--job <job resource id> is required."), dryRun, ct).ConfigureAwait(false),
                    _ => throw new UsageException($"Unknown command '{verb} {noun}'.\n{Usage}"),
                };
            }
            catch (RepairRefusedException ex)
            {
                stderr.WriteLine($"error: {ex.ErrorId}: {ex.Message}");
                return ExitCodes.ChecksFailed;
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            if (output == "json")
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

        private static string Vm(CliArguments args) => args.One("vm") ?? throw new UsageException("--vm <resource id> is required.");

        private static async Task<List<RepairRecord>> RestorePointsAsync(ArmConnection connection, CliArguments args, bool dryRun, DateTimeOffset retainUntil, CancellationToken ct)
        {
            var vm = await VmInventoryReader.ReadAsync(connection, Vm(args), ct).ConfigureAwait(false);
            var keep = args.One("keep-latest") is string k ? ParseInt(k, "--keep-latest", 0, 0, 18) : (int?)null;
            var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions
            {
                RemoveLock = args.Flag("remove-lock"), KeepLatest = keep, StartBackup = args.Flag("start-backup"),
            });
            foreach (var action in plan.Actions) action.Approved = !dryRun;
            return await new RestorePointCleanupExecutor(connection).ExecuteAsync(plan, retainUntil, ct).ConfigureAwait(false);
        }

        private static async Task<List<RepairRecord>> ExtensionAsync(ArmConnection connection, string vmId, bool dryRun, CancellationToken ct)
        {
            var vm = await VmInventoryReader.ReadAsync(connection, vmId, ct).ConfigureAwait(false);
            var action = BackupExtensionRepair.Plan(vm);
            if (action == null) return new List<RepairRecord> { BackupExtensionRepair.NothingToDo(vm) };
            action.Approved = !dryRun;
            return new List<RepairRecord> { await new BackupExtensionRepair(connection).ExecuteAsync(vm.VmId, action, ct).ConfigureAwait(false) };
        }

        private static async Task<List<RepairRecord>> StartBackupAsync(ArmConnection connection, string vmId, bool dryRun, DateTimeOffset retainUntil, CancellationToken ct)
        {
            var vm = await VmInventoryReader.ReadAsync(connection, vmId, ct).ConfigureAwait(false);
            var action = BackupTrigger.Plan(vm, retainUntil);
            action.Approved = !dryRun;
            return new List<RepairRecord> { await new BackupTrigger(connection).ExecuteAsync(vm.VmId, action, retainUntil, ct).ConfigureAwait(false) };
        }

        private static async Task<List<RepairRecord>> CancelJobAsync(ArmConnection connection, string jobId, bool dryRun, CancellationToken ct)
        {
            var control = new BackupJobControl(connection);
            var job = await control.GetJobAsync(jobId, ct).ConfigureAwait(false);
            var action = BackupJobControl.Plan(job);
            action.Approved = !dryRun;
            return new List<RepairRecord> { await control.ExecuteAsync(job, action, ct).ConfigureAwait(false) };
        }

        private static int ParseInt(string? value, string name, int fallback, int min, int max)
        {
            if (value == null) return fallback;
            if (!int.TryParse(value, out var n) || n < min || n > max) throw new UsageException($"{name} must be a whole number from {min} to {max}.");
            return n;
        }
    }
}
