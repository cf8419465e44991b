using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt repair restore-points: deletes the VM's Azure Backup restore point collections (and lifts a lock only with --remove-lock).</summary>
    public sealed class RepairRestorePointsCommand : RepairCommandBase
    {
        private readonly Option<string> _vm = VmOption();
        private readonly Option<bool> _removeLock = OptionKit.Flag("--remove-lock", "lift a lock in the way for the deletion and put it back afterwards");
        private readonly Option<int?> _keepLatest = OptionKit.Number("--keep-latest", "keep this many of the newest restore points", 0, 18);
        private readonly Option<bool> _startBackup = OptionKit.Flag("--start-backup", "start a backup once the collections are gone");
        private readonly Option<int?> _retainDays = RetainDaysOption();

        public RepairRestorePointsCommand(CliConsole console)
            : base("restore-points", "delete the VM's Azure Backup restore point collections so backups can go on", console)
        {
            foreach (var option in new Option[] { _vm, _removeLock, _keepLatest, _startBackup, _retainDays }) Add(option);
            AddSharedOptions();
        }

        protected override Task RepairAsync(ParseResult parse, ArmConnection connection, RepairOptions options, CancellationToken ct)
            => VmRepairs.CleanUpRestorePointsAsync(connection, parse.GetValue(_vm)!.Trim(), new RestorePointCleanupOptions
            {
                RemoveLock = parse.GetValue(_removeLock),
                KeepLatest = parse.GetValue(_keepLatest),
                StartBackup = parse.GetValue(_startBackup),
                RetainUntil = DateTimeOffset.UtcNow.AddDays(parse.GetValue(_retainDays) ?? 30),
            }, options, _ => true, ct);
    }
}
