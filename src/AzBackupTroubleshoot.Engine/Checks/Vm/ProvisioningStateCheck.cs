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
        public override string Title => "VM provisioning state is healthy";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorVmProvisioningStateFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state", "extensions" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var raw = vm.ProvisioningState;
            var fromView = VmInventory.StatusCode(vm.InstanceView.Array("statuses"), "ProvisioningState/") != null;
            var evidence = fromView
                ? new Evidence(vm.VmId, "properties.instanceView.statuses[ProvisioningState/*].code", "ProvisioningState/" + raw)
                : new Evidence(vm.VmId, "properties.provisioningState", raw);
            if (raw == null)
                return CheckOutcome.Skipped("Neither the instance view nor the VM model report a provisioning state.", evidence);

            // The instance view code may carry an error after the state: "failed/VMExtensionProvisioningError".
            var state = raw.Split('/')[0];
            if (string.Equals(state, "failed", StringComparison.OrdinalIgnoreCase))
            {
                var failed = vm.Extensions.Where(e => e.IsFailed).ToList();
                var all = new List<Evidence> { evidence };
                all.AddRange(failed.Select(e => new Evidence(vm.VmId, (e.ViewPath ?? e.ModelPath) + ".name", e.Name)));
                var cause = failed.Count > 0
                    ? $" The failed extension(s): {string.Join("; ", failed.Select(e => e.FailureSummary))}."
                    : " No extension reports a failure, so the cause is elsewhere (look at the VM's activity log).";
                var fix = failed.Count > 0
                    ? "Fix or remove each failed extension (a failed backup extension can simply be uninstalled: the next backup reinstalls it). "
                      + "Then run any update on the VM (for example 'Reapply' in the portal) so its state returns to Succeeded, and retry the backup."
                    : "Use 'Reapply' (or redeploy) on the VM so its state returns to Succeeded; if that does not help, restart the VM agent or the VM, then retry the backup.";
                return CheckOutcome.Fail($"The VM's provisioning state is '{raw}'. Backup cannot snapshot a VM in a failed state.{cause}", fix, all.ToArray());
            }
            if (Transitional.Contains(state, StringComparer.OrdinalIgnoreCase))
                return CheckOutcome.Warning(
                    $"The VM's provisioning state is '{raw}': an operation on it has not finished, and a backup started now may be refused.",
                    "Wait until the operation ends and the state is Succeeded, then run the backup. If the state does not change for a long time, look at the VM's activity log.",
                    evidence);
            return CheckOutcome.Pass($"The VM's provisioning state is '{raw}'.", evidence);
        }
    }
}
