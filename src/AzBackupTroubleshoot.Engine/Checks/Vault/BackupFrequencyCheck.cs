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
        public override int Order => 160;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "policy", "restore-points" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped(Text("notProtected"));
            var withPolicy = vm.Protection.Where(p => p.Policy != null).ToList();
            if (withPolicy.Count == 0)
                return CheckOutcome.Skipped(Text("policyNotFound", ("policy", CheckText.Or(vm.Protection[0].ProtectedItem.Str("properties.policyId"), "none"))));

            var evidence = new List<Evidence>();
            var frequent = new List<CheckText>();
            foreach (var record in withPolicy)
            {
                var policy = record.Policy!.Value;
                var (perDay, path, value) = BackupsPerDay(policy);
                evidence.Add(new Evidence(policy.Id(), path, value));
                if (perDay <= 1) continue;
                var retention = policy.Long("properties.instantRpRetentionRangeInDays") ?? 2;
                frequent.Add(Text("frequent", ("policy", ArmIds.NameOf(policy.Id())), ("vault", record.VaultName), ("perDay", perDay), ("retention", retention), ("points", perDay * retention)));
            }
            if (frequent.Count == 0)
                return CheckOutcome.Pass(Text("pass"), evidence.ToArray());
            return CheckOutcome.Warning(
                Text("warning", ("policies", new CheckTextList("; ", frequent))),
                Text("fix"),
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
