using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.RestorePoints
{
    /// <summary>
    /// A VM can have at most 18 restore points, counted across all its restore point collections and resource groups.
    /// At 18 the next snapshot is refused. The count needs every collection read with $expand=restorePoints.
    /// </summary>
    public sealed class CollectionLimitCheck : ReadinessCheck
    {
        public const int Limit = 18;
        public const int WarnAt = 16;

        public override string Id => "RestorePoints.CollectionLimit";
        public override string Title => "Restore points are below the limit of 18";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "restore-points" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.RestorePoints) is CheckOutcome skipped) return skipped;
            var unexpanded = vm.RestorePointCollections.Where(c => c.At("properties.restorePoints") == null).ToList();
            if (unexpanded.Count > 0)
                return CheckOutcome.Skipped(
                    $"The restore points of {string.Join(", ", unexpanded.Select(c => ArmIds.NameOf(c.Id())))} were not read (no properties.restorePoints), so the count is unknown.",
                    unexpanded.Select(c => new Evidence(c.Id(), "properties.restorePoints", null)).ToArray());

            var counts = vm.RestorePointCollections.Select(c => (Id: c.Id(), Count: c.Array("properties.restorePoints").Count)).ToList();
            var total = counts.Sum(c => c.Count);
            var evidence = counts.Select(c => new Evidence(c.Id, "properties.restorePoints.length", c.Count.ToString())).ToArray();
            var where = counts.Count == 0 ? "no restore point collection" : string.Join(", ", counts.Select(c => $"{ArmIds.NameOf(c.Id)}: {c.Count}"));
            const string fix =
                "Remove any lock on the restore-point resource group, then start an on-demand backup so Azure Backup deletes expired restore points (the first one may fail; cleanup can take hours). "
                + "If scheduled backups still fail, delete the restore point collection (it may need 2-3 attempts). Keep to one backup a day. Repair-AzRestorePointCollection does these steps.";

            if (total >= Limit)
                return CheckOutcome.Fail($"The VM has {total} restore points ({where}); at {Limit} Azure Backup cannot create another.", fix, evidence);
            if (total >= WarnAt)
                return CheckOutcome.Warning($"The VM has {total} restore points ({where}), close to the limit of {Limit}. If old ones are not cleaned up, backups will soon fail.", fix, evidence);
            return CheckOutcome.Pass($"The VM has {total} restore point(s) ({where}), below the limit of {Limit}.", evidence);
        }
    }
}
