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
        public override string Title => "VM power state allows backup";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorVmNotInDesirableState", "VmNotInDesirableState" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "state" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var state = vm.PowerState;
            var evidence = new Evidence(vm.VmId, "properties.instanceView.statuses[PowerState/*].code", state == null ? null : "PowerState/" + state);
            if (state == null)
                return CheckOutcome.Skipped("The VM's instance view reports no power state, so it cannot be judged.", evidence);
            if (Array.Exists(Stable, s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase)))
                return CheckOutcome.Pass($"The VM is {state}, a state in which it can be backed up.", evidence);
            return CheckOutcome.Fail(
                $"The VM is '{state}'. Azure Backup refuses to snapshot a VM that is changing power state.",
                "Wait until the VM is running, stopped or deallocated, then run the backup again. If it stays in this state, restart or redeploy it from the portal.",
                evidence);
        }
    }
}
