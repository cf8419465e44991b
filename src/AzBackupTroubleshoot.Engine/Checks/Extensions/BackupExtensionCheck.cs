using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Extensions
{
    /// <summary>
    /// The backup extension (VMSnapshot on Windows, VMSnapshotLinux on Linux) takes the snapshot inside the VM. If it
    /// failed, is stuck being deleted, or (Linux) is older than the version the articles call current, backups fail.
    /// Its absence is fine: the next backup installs it.
    /// </summary>
    public sealed class BackupExtensionCheck : ReadinessCheck
    {
        public static Version MinimumLinuxExtension => Agent.AgentMinimums.VmSnapshotLinux.Minimum;

        public override string Id => "Extension.BackupExtension";
        public override int Order => 110;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "NoCode.BackupExtensionFailsToLoad", "NoCode.RecoveryServicesExtensionOperationFailed", "UserErrorVmProvisioningStateFailed", "ExtensionStuckInDeletionState",
        };
        public override IReadOnlyList<string> Tags { get; } = new[] { "extensions", "agent" };
        public override string? RepairCommand => "Repair-AzVmBackupExtension";

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (vm.InstanceView == null && vm.Vm.Array("resources").Count == 0)
                return CheckOutcome.Skipped(Text("notCollected"));

            var backup = vm.Extensions.Where(e => e.IsBackupExtension).ToList();
            if (backup.Count == 0)
                return CheckOutcome.Pass(Text("notInstalled"),
                    new Evidence(vm.VmId, "properties.instanceView.extensions[].type", null));

            var evidence = backup.SelectMany(Describe(vm.VmId)).ToArray();

            var deleting = backup.FirstOrDefault(e => e.IsDeleting);
            if (deleting != null)
                return CheckOutcome.Fail(
                    Text("deleting", ("extension", deleting.Name), ("summary", deleting.FailureSummary)),
                    Text("fixDeleting"),
                    evidence).WithCodes("ExtensionStuckInDeletionState");

            var failed = backup.FirstOrDefault(e => e.IsFailed);
            if (failed != null)
                return CheckOutcome.Fail(
                    Text("failed", ("summary", failed.FailureSummary)),
                    Text("fixReinstall"), evidence)
                    .WithCodes("NoCode.BackupExtensionFailsToLoad", "NoCode.RecoveryServicesExtensionOperationFailed", "UserErrorVmProvisioningStateFailed");

            var oldLinux = backup.FirstOrDefault(e => string.Equals(e.Type, VmExtension.BackupExtensionLinux, StringComparison.OrdinalIgnoreCase)
                && Version.TryParse(e.HandlerVersion, out var v) && v < MinimumLinuxExtension);
            if (oldLinux != null)
                return CheckOutcome.Warning(
                    Text("oldLinux", ("extension", oldLinux.Name), ("version", oldLinux.HandlerVersion), ("minimum", MinimumLinuxExtension)),
                    Text("fixReinstall"), evidence).WithCodes("NoCode.BackupExtensionFailsToLoad");

            var summary = string.Join(", ", backup.Select(e => $"'{e.Name}' {e.HandlerVersion ?? ""} {e.StatusCode ?? e.ProvisioningState ?? ""}".Replace("  ", " ").Trim()));
            return CheckOutcome.Pass(Text("pass", ("extensions", summary)), evidence);
        }

        private static Func<VmExtension, IEnumerable<Evidence>> Describe(string vmId) => e =>
        {
            var items = new List<Evidence>();
            if (e.ViewPath != null)
            {
                items.Add(new Evidence(vmId, e.ViewPath + ".statuses[0].code", e.StatusCode));
                items.Add(new Evidence(vmId, e.ViewPath + ".typeHandlerVersion", e.HandlerVersion));
            }
            if (e.ModelPath != null) items.Add(new Evidence(vmId, e.ModelPath + ".properties.provisioningState", e.ProvisioningState));
            return items;
        };
    }
}
