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
        public override string Title => "VM was not shut down from inside the guest";
        public override CheckSeverity Severity => CheckSeverity.Info;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.VmStatusStaleAfterRdpShutdown" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var state = vm.PowerState;
            var evidence = new Evidence(vm.VmId, "properties.instanceView.statuses[PowerState/*].code", state == null ? null : "PowerState/" + state);
            if (state == null)
                return CheckOutcome.Skipped("The VM's instance view reports no power state.", evidence);
            if (string.Equals(state, "stopped", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Warning(
                    "The VM is stopped but still allocated. That is what a shutdown from inside the guest (RDP, SSH) leaves behind, and in that state the VM's status can be reported wrongly to Backup.",
                    "Stop VMs from the platform instead (portal 'Stop', Stop-AzVM, az vm deallocate), so they end up deallocated; or start the VM again before the backup window.",
                    evidence);
            return CheckOutcome.Pass($"The VM is {state}, not left stopped-but-allocated.", evidence);
        }
    }
}
