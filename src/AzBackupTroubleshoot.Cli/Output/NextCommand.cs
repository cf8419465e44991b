using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// The azbt command line that repairs what a check or a diagnosis found, always as a --dry-run: the closing
    /// summary's "next" suggestion. The engine names its repairs by cmdlet; this maps them onto azbt's words.
    /// </summary>
    public static class NextCommand
    {
        /// <param name="connection">Arguments that reach the same ARM again (e.g. "--scenario scenarios/demo.json"), or "".</param>
        public static string? ForResult(CheckResult r, string connection)
        {
            var jobId = r.Evidence.Select(e => e.ResourceId).FirstOrDefault(id => id.IndexOf("/backupJobs/", System.StringComparison.OrdinalIgnoreCase) >= 0);
            return For(r.RepairCommand, r.VmId, r.CheckId.StartsWith("Lock.", System.StringComparison.Ordinal), jobId, connection);
        }

        public static string? For(string? repairCommand, string vmId, bool lockFound, string? jobId, string connection)
        {
            var command = repairCommand switch
            {
                // A lock on the restore-point group: lift it and start the backup whose cleanup lets the next ones through.
                "Repair-AzRestorePointCollection" when lockFound => $"azbt repair restore-points --vm {vmId} --remove-lock --start-backup",
                "Repair-AzRestorePointCollection" => $"azbt repair restore-points --vm {vmId}",
                "Repair-AzVmBackupExtension" => $"azbt repair extension --vm {vmId}",
                "Stop-AzVmBackupJob" when jobId != null => $"azbt job cancel --job {jobId}",
                "Start-AzVmBackup" => $"azbt backup start --vm {vmId}",
                _ => null,
            };
            if (command == null) return null;
            return command + (connection.Length > 0 ? " " + connection : "") + " --dry-run";
        }
    }
}
