using System;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// What an Azure VM backup policy (AzureIaaSVMProtectionPolicy) says about snapshots: Standard or Enhanced, backups a
    /// day, instant-restore retention, and from those how many restore points the policy should leave on the VM.
    /// Shapes from the Recovery Services Backup spec (bms.json: SimpleSchedulePolicy / SimpleSchedulePolicyV2 with
    /// hourlySchedule.interval, scheduleWindowDuration; instantRpRetentionRangeInDays; policyType V1/V2).
    /// </summary>
    public sealed class BackupPolicySchedule
    {
        /// <summary>Instant-restore retention when the policy omits it: 2 days for Standard, 7 for Enhanced (portal defaults).</summary>
        public const int DefaultStandardRetentionDays = 2;
        public const int DefaultEnhancedRetentionDays = 7;

        /// <summary>Days garbage collection may lag behind retention: the instant-restore doc allows n+1, sometimes n+1+2 snapshots.</summary>
        public const int CleanupLagDays = 2;

        private BackupPolicySchedule() { }

        public string PolicyId { get; private set; } = "";

        /// <summary>policyType V2, or a SimpleSchedulePolicyV2 schedule: the Enhanced policy.</summary>
        public bool IsEnhanced { get; private set; }

        public long BackupsPerDay { get; private set; } = 1;

        /// <summary>The JSON path and value the frequency was read from (evidence).</summary>
        public string FrequencyPath { get; private set; } = "properties.schedulePolicy";
        public string? FrequencyValue { get; private set; }

        public long RetentionDays { get; private set; }
        /// <summary>True when instantRpRetentionRangeInDays was absent and the default was assumed.</summary>
        public bool RetentionAssumed { get; private set; }

        /// <summary>The restore points the schedule keeps in steady state: backups a day times days kept.</summary>
        public long PointsKept => BackupsPerDay * RetentionDays;

        /// <summary>
        /// The most restore points a VM on this policy should show while cleanup works: the points kept, the latest one
        /// (always kept), and up to <see cref="CleanupLagDays"/> days of backups garbage collection has not removed yet.
        /// </summary>
        public long MostExpected => BackupsPerDay * (RetentionDays + CleanupLagDays) + 1;

        public string Kind => IsEnhanced ? "Enhanced" : "Standard";

        public static BackupPolicySchedule Read(JsonElement policy)
        {
            var schedule = new BackupPolicySchedule
            {
                PolicyId = policy.Id(),
                IsEnhanced = string.Equals(policy.Str("properties.policyType"), "V2", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(policy.Str("properties.schedulePolicy.schedulePolicyType"), "SimpleSchedulePolicyV2", StringComparison.OrdinalIgnoreCase),
            };
            schedule.ReadFrequency(policy);
            var retention = policy.Long("properties.instantRpRetentionRangeInDays");
            schedule.RetentionAssumed = retention == null;
            schedule.RetentionDays = Math.Max(1, retention ?? (schedule.IsEnhanced ? DefaultEnhancedRetentionDays : DefaultStandardRetentionDays));
            return schedule;
        }

        private void ReadFrequency(JsonElement policy)
        {
            var frequency = policy.Str("properties.schedulePolicy.scheduleRunFrequency");
            var hourly = policy.At("properties.schedulePolicy.hourlySchedule");
            if (hourly != null && string.Equals(frequency, "Hourly", StringComparison.OrdinalIgnoreCase))
            {
                // Backups every `interval` hours inside a window of `scheduleWindowDuration` hours that starts at scheduleWindowStartTime.
                var interval = Math.Max(1, hourly.Value.Long("interval") ?? 24);
                var window = Math.Min(24, Math.Max(interval, hourly.Value.Long("scheduleWindowDuration") ?? 24));
                BackupsPerDay = Math.Max(1, window / interval);
                FrequencyPath = "properties.schedulePolicy.hourlySchedule";
                FrequencyValue = $"interval {interval} h, window {window} h";
                return;
            }
            // V2 keeps run times under dailySchedule/weeklySchedule, V1 directly under schedulePolicy.
            foreach (var path in new[] { "properties.schedulePolicy.dailySchedule.scheduleRunTimes", "properties.schedulePolicy.weeklySchedule.scheduleRunTimes", "properties.schedulePolicy.scheduleRunTimes" })
            {
                var times = policy.Array(path);
                if (times.Count == 0) continue;
                // A weekly schedule runs on some days only; what a day can add is still its run times.
                BackupsPerDay = times.Count;
                FrequencyPath = path;
                FrequencyValue = string.Join(", ", times.Select(t => t.GetString()));
                return;
            }
            FrequencyValue = frequency;
        }
    }
}
