using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Extensions
{
    /// <summary>
    /// Any extension in a failed state can put the whole VM in a failed provisioning state, and the backup with it.
    /// The backup extension itself is judged by Extension.BackupExtension.
    /// </summary>
    public sealed class OtherExtensionsCheck : ReadinessCheck
    {
        public override string Id => "Extension.OtherExtensions";
        public override int Order => 120;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorVmProvisioningStateFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "extensions" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (vm.InstanceView == null && vm.Vm.Array("resources").Count == 0)
                return CheckOutcome.Skipped(Text("notCollected"));
            var others = vm.Extensions.Where(e => !e.IsBackupExtension).ToList();
            var failed = others.Where(e => e.IsFailed).ToList();
            var evidence = failed.Select(e => e.ViewPath != null
                    ? new Evidence(vm.VmId, e.ViewPath + ".statuses[0].code", e.StatusCode)
                    : new Evidence(vm.VmId, e.ModelPath + ".properties.provisioningState", e.ProvisioningState))
                .ToArray();
            if (failed.Count == 0)
                return CheckOutcome.Pass(others.Count == 0
                    ? Text("passNone")
                    : Text("pass", ("extensions", string.Join(", ", others.Select(e => e.Name)))));
            return CheckOutcome.Warning(
                Text("warning", ("count", failed.Count), ("extensions", string.Join("; ", failed.Select(e => e.FailureSummary)))),
                Text("fix"),
                evidence);
        }
    }
}
