using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vm
{
    /// <summary>
    /// A VM whose provisioning state is Failed cannot be snapshotted; one that is still being created, updated, deleted
    /// or migrated may refuse it too. The usual culprit for Failed is an extension that failed, so the check names them.
    /// </summary>
    public sealed class ProvisioningStateCheck : ReadinessCheck
    {
        private static readonly string[] Transitional = { "creating", "updating", "deleting", "migrating" };

        public override string Id => "Vm.ProvisioningState";
        public override int Order => 40;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorVmProvisioningStateFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state", "extensions" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var raw = vm.ProvisioningState;
            var fromView = VmInventory.StatusCode(vm.InstanceView.Array("statuses"), "ProvisioningState/") != null;
            var evidence = fromView
                ? new Evidence(vm.VmId, "properties.instanceView.statuses[ProvisioningState/*].code", "ProvisioningState/" + raw)
                : new Evidence(vm.VmId, "properties.provisioningState", raw);
            if (raw == null)
                return CheckOutcome.Skipped(Text("noState"), evidence);

            // The instance view code may carry an error after the state: "failed/VMExtensionProvisioningError".
            var state = raw.Split('/')[0];
            if (string.Equals(state, "failed", StringComparison.OrdinalIgnoreCase))
            {
                var failed = vm.Extensions.Where(e => e.IsFailed).ToList();
                var all = new List<Evidence> { evidence };
                all.AddRange(failed.Select(e => new Evidence(vm.VmId, (e.ViewPath ?? e.ModelPath) + ".name", e.Name)));
                return failed.Count > 0
                    ? CheckOutcome.Fail(Text("failedExtensions", ("state", raw), ("extensions", string.Join("; ", failed.Select(e => e.FailureSummary)))), Text("fixExtensions"), all.ToArray())
                    : CheckOutcome.Fail(Text("failed", ("state", raw)), Text("fix"), all.ToArray());
            }
            if (Transitional.Contains(state, StringComparer.OrdinalIgnoreCase))
                return CheckOutcome.Warning(
                    Text("transitional", ("state", raw)),
                    Text("fixTransitional"),
                    evidence);
            return CheckOutcome.Pass(Text("pass", ("state", raw)), evidence);
        }
    }
}
