using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vault
{
    /// <summary>
    /// Every backup leaves an instant-restore snapshot that is kept for the policy's retention (1-5 days). More than one
    /// backup a day multiplies the snapshots and pushes the VM toward the limit of 18 restore points; one a day is advised.
    /// </summary>
    public sealed class BackupFrequencyCheck : ReadinessCheck
    {
        public override string Id => "Policy.BackupFrequency";
        public override string Title => "Backup policy runs at most once a day";
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "policy", "restore-points" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped("The VM is not protected by any vault, so it has no backup policy.");
            var withPolicy = vm.Protection.Where(p => p.Policy != null).ToList();
            if (withPolicy.Count == 0)
                return CheckOutcome.Skipped($"The policy of the protected item ({vm.Protection[0].ProtectedItem.Str("properties.policyId") ?? "no policyId"}) was not found in the inventory.");

            var evidence = new List<Evidence>();
            var frequent = new List<string>();
            foreach (var record in withPolicy)
            {
                var policy = record.Policy!.Value;
                var (perDay, path, value) = BackupsPerDay(policy);
                evidence.Add(new Evidence(policy.Id(), path, value));
                if (perDay <= 1) continue;
                var retention = policy.Long("properties.instantRpRetentionRangeInDays") ?? 2;
                frequent.Add($"policy '{ArmIds.NameOf(policy.Id())}' in vault '{record.VaultName}' backs up {perDay} times a day and keeps snapshots {retention} day(s), about {perDay * retention} restore points at a time");
            }
            if (frequent.Count == 0)
                return CheckOutcome.Pass("The backup policy runs at most once a day.", evidence.ToArray());
            return CheckOutcome.Warning(
                $"The VM is backed up more than once a day: {string.Join("; ", frequent)}. That raises the number of restore points kept toward the limit of 18.",
                "Prefer one backup a day. If you need more, keep the instant-restore retention short and watch the restore-point count (RestorePoints.CollectionLimit).",
                evidence.ToArray());
        }

        /// <summary>How many backups a day the schedule asks for, with the JSON path and value it was read from.</summary>
        internal static (long PerDay, string Path, string? Value) BackupsPerDay(JsonElement policy)
        {
            var hourly = policy.At("properties.schedulePolicy.hourlySchedule");
            if (hourly != null && string.Equals(policy.Str("properties.schedulePolicy.scheduleRunFrequency"), "Hourly", StringComparison.OrdinalIgnoreCase))
            {
                var interval = Math.Max(1, hourly.Value.Long("interval") ?? 24);
                var window = hourly.Value.Long("scheduleWindowDuration") ?? 24;
                return (Math.Max(1, window / interval), "properties.schedulePolicy.hourlySchedule", $"interval {interval} h, window {window} h");
            }
            foreach (var path in new[] { "properties.schedulePolicy.dailySchedule.scheduleRunTimes", "properties.schedulePolicy.weeklySchedule.scheduleRunTimes", "properties.schedulePolicy.scheduleRunTimes" })
            {
                var times = policy.Array(path);
                if (times.Count > 0) return (times.Count, path, string.Join(", ", times.Select(t => t.GetString())));
            }
            return (1, "properties.schedulePolicy", policy.Str("properties.schedulePolicy.scheduleRunFrequency"));
        }
    }
}
