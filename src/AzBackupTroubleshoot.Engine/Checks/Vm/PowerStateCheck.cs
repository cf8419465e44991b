using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vm
{
    /// <summary>
    /// Backup needs the VM running, stopped, or deallocated. While it is starting, stopping or deallocating the snapshot
    /// request is refused (UserErrorVmNotInDesirableState).
    /// </summary>
    public sealed class PowerStateCheck : ReadinessCheck
    {
        private static readonly string[] Stable = { "running", "stopped", "deallocated" };

        public override string Id => "Vm.PowerState";
        public override int Order => 50;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorVmNotInDesirableState", "VmNotInDesirableState" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var state = vm.PowerState;
            var evidence = new Evidence(vm.VmId, "properties.instanceView.statuses[PowerState/*].code", state == null ? null : "PowerState/" + state);
            if (state == null)
                return CheckOutcome.Skipped(Text("noState"), evidence);
            if (Array.Exists(Stable, s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase)))
                return CheckOutcome.Pass(Text("pass", ("state", state)), evidence);
            return CheckOutcome.Fail(
                Text("fail", ("state", state)),
                Text("fix"),
                evidence);
        }
    }
}
