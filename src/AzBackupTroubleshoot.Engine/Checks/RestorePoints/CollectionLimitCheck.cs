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
        public override int Order => 150;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.RestorePoints };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "restore-points" };
        public override string? RepairCommand => "Repair-AzRestorePointCollection";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.RestorePoints) is CheckOutcome skipped) return skipped;
            var unexpanded = vm.RestorePointCollections.Where(c => c.At("properties.restorePoints") == null).ToList();
            if (unexpanded.Count > 0)
                return CheckOutcome.Skipped(
                    Text("notExpanded", ("collections", string.Join(", ", unexpanded.Select(c => ArmIds.NameOf(c.Id()))))),
                    unexpanded.Select(c => new Evidence(c.Id(), "properties.restorePoints", null)).ToArray());

            var counts = vm.RestorePointCollections.Select(c => (Id: c.Id(), Count: c.Array("properties.restorePoints").Count)).ToList();
            var total = counts.Sum(c => c.Count);
            var evidence = counts.Select(c => new Evidence(c.Id, "properties.restorePoints.length", c.Count.ToString())).ToArray();
            var where = counts.Count == 0 ? Text("noCollection") : (object)string.Join(", ", counts.Select(c => $"{ArmIds.NameOf(c.Id)}: {c.Count}"));

            if (total >= Limit)
                return CheckOutcome.Fail(Text("fail", ("count", total), ("where", where), ("limit", Limit)), Text("fix"), evidence);
            if (total >= WarnAt)
                return CheckOutcome.Warning(Text("warning", ("count", total), ("where", where), ("limit", Limit)), Text("fix"), evidence);
            return CheckOutcome.Pass(Text("pass", ("count", total), ("where", where), ("limit", Limit)), evidence);
        }
    }
}
