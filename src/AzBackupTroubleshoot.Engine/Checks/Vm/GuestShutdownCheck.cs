using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vm
{
    /// <summary>
    /// "Stopped" (not deallocated) is what a VM shows after it was shut down from inside the guest. The platform then
    /// still thinks it is allocated, and snapshot status can be reported wrongly. Backup of a stopped VM is allowed, so this is advice.
    /// </summary>
    public sealed class GuestShutdownCheck : ReadinessCheck
    {
        public override string Id => "Vm.GuestShutdown";
        public override int Order => 60;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Info;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.VmStatusStaleAfterRdpShutdown" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var state = vm.PowerState;
            var evidence = new Evidence(vm.VmId, "properties.instanceView.statuses[PowerState/*].code", state == null ? null : "PowerState/" + state);
            if (state == null)
                return CheckOutcome.Skipped(Text("noState"), evidence);
            if (string.Equals(state, "stopped", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Warning(
                    Text("warning"),
                    Text("fix"),
                    evidence);
            return CheckOutcome.Pass(Text("pass", ("state", state)), evidence);
        }
    }
}
