using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks.Locks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.RestorePoints
{
    /// <summary>
    /// Azure Backup deletes a VM's instant-restore snapshots once the policy's retention has passed. A VM holding more
    /// restore points than its policy keeps (backups a day x days kept, plus the latest and a cleanup lag) shows that
    /// the deletes are not happening: usually a lock on the restore-point group or its collections, or an Azure Policy
    /// deny. This holds for both policy types and comes before the hard limit (RestorePoints.CollectionLimit) is hit.
    /// </summary>
    public sealed class CleanupStalledCheck : ReadinessCheck
    {
        public override string Id => "RestorePoints.CleanupStalled";
        public override int Order => 155;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.RestorePoints, InventoryParts.Vaults, InventoryParts.Locks };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached", "NoCode.AzureBackupRgLocked" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "restore-points", "locks", "policy" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.RestorePoints) is CheckOutcome skipped) return skipped;
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome noVaults) return noVaults;
            if (!vm.IsProtected) return CheckOutcome.Skipped(Text("notProtected"));
            var schedules = vm.Protection.Select(p => p.Schedule).Where(s => s != null).Select(s => s!).ToList();
            if (schedules.Count == 0)
                return CheckOutcome.Skipped(Text("policyNotFound", ("policy", CheckText.Or(vm.Protection[0].ProtectedItem.Str("properties.policyId"), "none"))));
            var count = RestorePointCount.Of(vm);
            if (!count.IsKnown)
                return CheckOutcome.Skipped(Text("notExpanded", ("collections", count.UnexpandedNames)), count.UnexpandedEvidence());

            var policy = schedules.OrderByDescending(s => s.MostExpected).First();
            var evidence = count.Evidence().Concat(RestorePointCount.PolicyEvidence(policy)).ToList();
            var args = new List<(string, object?)>
            {
                ("count", count.Total), ("policy", ArmIds.NameOf(policy.PolicyId)), ("kind", policy.Kind), ("perDay", policy.BackupsPerDay),
                ("retention", policy.RetentionDays), ("expected", policy.MostExpected),
            };
            if (count.Total <= policy.MostExpected)
                return CheckOutcome.Pass(Text("pass", args.ToArray()), evidence.ToArray());

            // What can stop the deletes, as far as ARM shows it: locks on the restore-point groups or the collections.
            var locks = vm.Locks.Where(l => l.IsOnSubscription || vm.RestorePointResourceGroups.Any(g => l.Covers(g))
                || vm.RestorePointCollections.Any(c => l.Covers(c.Id()))).ToList();
            evidence.AddRange(LockDescription.AsEvidence(locks));
            var cause = locks.Count > 0
                ? Text("causeLocks", ("locks", LockDescription.DescribeAll(locks)))
                : Text("causeUnknown");
            args.Add(("cause", cause));
            return CheckOutcome.Warning(Text("stalled", args.ToArray()), Text("fix"), evidence.ToArray());
        }
    }
}
