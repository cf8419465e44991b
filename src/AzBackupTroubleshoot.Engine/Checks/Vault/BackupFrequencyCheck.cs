using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vault
{
    /// <summary>
    /// Every backup leaves an instant-restore snapshot kept for the policy's retention. Under the Standard policy, whose
    /// VMs may hold at most 18 restore points, more than one backup a day multiplies the snapshots toward that limit.
    /// The Enhanced policy is built for several backups a day (every 4 to 12 hours, snapshots kept up to 30 days): its
    /// schedule is read (hourlySchedule.interval within scheduleWindowDuration) and reported, not warned about.
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
            var withPolicy = vm.Protection.Where(p => p.Schedule != null).ToList();
            if (withPolicy.Count == 0)
                return CheckOutcome.Skipped(Text("policyNotFound", ("policy", CheckText.Or(vm.Protection[0].ProtectedItem.Str("properties.policyId"), "none"))));

            var evidence = new List<Evidence>();
            var frequent = new List<CheckText>();
            var enhanced = new List<CheckText>();
            foreach (var record in withPolicy)
            {
                var schedule = record.Schedule!;
                evidence.AddRange(RestorePointCount.PolicyEvidence(schedule));
                var args = new (string, object?)[]
                {
                    ("policy", ArmIds.NameOf(schedule.PolicyId)), ("vault", record.VaultName), ("perDay", schedule.BackupsPerDay),
                    ("retention", schedule.RetentionDays), ("points", schedule.PointsKept),
                };
                if (schedule.IsEnhanced) enhanced.Add(Text("enhanced", args));
                else if (schedule.BackupsPerDay > 1) frequent.Add(Text("frequent", args));
            }
            if (frequent.Count > 0)
                return CheckOutcome.Warning(Text("warning", ("policies", new CheckTextList("; ", frequent))), Text("fix"), evidence.ToArray());
            if (enhanced.Count > 0)
                return CheckOutcome.Pass(Text("passEnhanced", ("policies", new CheckTextList("; ", enhanced))), evidence.ToArray());
            return CheckOutcome.Pass(Text("pass"), evidence.ToArray());
        }
    }
}
