using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.RestorePoints
{
    /// <summary>
    /// Under the Standard policy a VM can have at most 18 restore points, counted across all its collections and
    /// resource groups; at 18 the next snapshot is refused. The Enhanced policy backs up as often as every 4 hours and
    /// keeps snapshots up to 30 days, so the fixed 18 is not its yardstick: there the count is judged against what the
    /// policy's schedule and instant-restore retention keep. A VM whose policy is unknown is held to the Standard limit.
    /// </summary>
    public sealed class CollectionLimitCheck : ReadinessCheck
    {
        public const int Limit = 18;
        public const int WarnAt = 16;

        public override string Id => "RestorePoints.CollectionLimit";
        public override int Order => 150;
        // The vaults part: the protection and its policy decide the limit (an Enhanced policy keeps more).
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.RestorePoints, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "restore-points" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.RestorePoints) is CheckOutcome skipped) return skipped;
            var count = RestorePointCount.Of(vm);
            if (!count.IsKnown)
                return CheckOutcome.Skipped(Text("notExpanded", ("collections", count.UnexpandedNames)), count.UnexpandedEvidence());

            var total = count.Total;
            var where = count.Where(Text("noCollection"));
            var schedules = vm.Protection.Select(p => p.Schedule).Where(s => s != null).Select(s => s!).ToList();
            if (schedules.Count > 0 && schedules.All(s => s.IsEnhanced))
                return EvaluateEnhanced(total, where, schedules, count);

            var evidence = count.Evidence();
            if (total >= Limit)
                return CheckOutcome.Fail(Text("fail", ("count", total), ("where", where), ("limit", Limit)), Text("fix"), evidence);
            if (total >= WarnAt)
                return CheckOutcome.Warning(Text("warning", ("count", total), ("where", where), ("limit", Limit)), Text("fix"), evidence);
            return CheckOutcome.Pass(Text("pass", ("count", total), ("where", where), ("limit", Limit)), evidence);
        }

        private CheckOutcome EvaluateEnhanced(int total, object where, List<BackupPolicySchedule> schedules, RestorePointCount count)
        {
            // Several vaults protecting one VM is rare; the most generous policy sets what is expected.
            var policy = schedules.OrderByDescending(s => s.MostExpected).First();
            var evidence = count.Evidence().Concat(RestorePointCount.PolicyEvidence(policy)).ToArray();
            var args = new (string, object?)[]
            {
                ("count", total), ("where", where), ("policy", ArmIds.NameOf(policy.PolicyId)), ("perDay", policy.BackupsPerDay),
                ("retention", policy.RetentionDays), ("expected", policy.MostExpected),
            };
            if (total > policy.MostExpected)
                return CheckOutcome.Warning(Text("enhancedAbove", args), Text("fixEnhanced"), evidence);
            return CheckOutcome.Pass(Text("enhancedPass", args), evidence);
        }
    }
}
