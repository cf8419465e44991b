using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Xml;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Jobs
{
    /// <summary>
    /// Only one backup of a VM can run at a time, in any vault: a job still running (also in a vault the VM was protected
    /// in before) makes a new backup fail. Jobs that run for hours (backup over 12 h, restore over 6 h) point at a
    /// performance problem. "Now" is the context's <see cref="EvaluationContext.EvaluatedAt"/>.
    /// </summary>
    public sealed class BackupInProgressCheck : ReadinessCheck
    {
        public static readonly TimeSpan LongBackup = TimeSpan.FromHours(12);
        public static readonly TimeSpan LongRestore = TimeSpan.FromHours(6);

        public override string Id => "Jobs.BackupInProgress";
        public override int Order => 220;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "UserErrorBackupOperationInProgress", "NoCode.CommandExecutionFailedOperationInProgress", "NoCode.BackupOrRestoreTakesLong",
        };
        public override IReadOnlyList<string> Tags { get; } = new[] { "jobs" };
        public override string? RepairCommand => "Stop-AzVmBackupJob";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            var now = context.EvaluatedAt;
            var running = new List<CheckText>();
            var slow = new List<CheckText>();
            var evidence = new List<Evidence>();

            foreach (var job in vm.Jobs)
            {
                var operation = job.Str("properties.operation") ?? "";
                var status = job.Str("properties.status") ?? "";
                var isBackup = Is(operation, "Backup");
                var isRestore = Is(operation, "Restore");
                if (!isBackup && !isRestore) continue;

                var active = Is(status, "InProgress") || Is(status, "Cancelling");
                var started = Start(job);
                var elapsed = active ? (started == null ? (TimeSpan?)null : now - started.Value) : Duration(job);
                var limit = isBackup ? LongBackup : LongRestore;
                var name = ArmIds.NameOf(job.Id());
                var start = CheckText.Or(job.Str("properties.startTime"), "unknown");
                var label = elapsed != null
                    ? Text("job", ("operation", operation), ("job", name), ("vault", VaultName(job)), ("status", status), ("start", start), ("hours", Hours(elapsed.Value)))
                    : Text("jobNoDuration", ("operation", operation), ("job", name), ("vault", VaultName(job)), ("status", status), ("start", start));

                if (active && isBackup) running.Add(label);
                if (elapsed > limit) slow.Add(Text("overrunning", ("job", label), ("limit", limit.TotalHours)));
                if ((active && isBackup) || elapsed > limit)
                {
                    evidence.Add(new Evidence(job.Id(), "properties.status", status));
                    evidence.Add(new Evidence(job.Id(), "properties.startTime", job.Str("properties.startTime")));
                    if (!active) evidence.Add(new Evidence(job.Id(), "properties.duration", job.Str("properties.duration")));
                }
            }

            if (running.Count > 0)
            {
                var codes = new List<string> { "UserErrorBackupOperationInProgress", "NoCode.CommandExecutionFailedOperationInProgress" };
                if (slow.Count > 0) codes.Add("NoCode.BackupOrRestoreTakesLong");
                return CheckOutcome.Warning(
                    slow.Count > 0
                        ? Text("runningAndSlow", ("running", new CheckTextList("; ", running)), ("slow", new CheckTextList("; ", slow)))
                        : Text("running", ("running", new CheckTextList("; ", running))),
                    Text("fixRunning"),
                    evidence.ToArray()).WithCodes(codes.ToArray());
            }
            if (slow.Count > 0)
                return CheckOutcome.Warning(
                    Text("slow", ("slow", new CheckTextList("; ", slow))),
                    Text("fixSlow"),
                    evidence.ToArray()).WithCodes("NoCode.BackupOrRestoreTakesLong");
            return CheckOutcome.Pass(vm.Jobs.Count == 0
                ? Text("passNoJobs")
                : Text("pass", ("count", vm.Jobs.Count)));
        }

        private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

        private static DateTimeOffset? Start(JsonElement job)
            => DateTimeOffset.TryParse(job.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;

        /// <summary>properties.duration is ISO 8601 ("PT12H30M"); null when absent or unreadable.</summary>
        private static TimeSpan? Duration(JsonElement job)
        {
            var text = job.Str("properties.duration");
            if (string.IsNullOrEmpty(text)) return null;
            try { return XmlConvert.ToTimeSpan(text); }
            catch (FormatException) { return null; }
        }

        private static string VaultName(JsonElement job)
        {
            var id = job.Id();
            var marker = id.IndexOf("/backupJobs/", StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? "?" : ArmIds.NameOf(id.Substring(0, marker));
        }

        private static string Hours(TimeSpan t) => t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
