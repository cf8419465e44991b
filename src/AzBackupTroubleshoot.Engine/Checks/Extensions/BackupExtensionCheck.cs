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
        public static readonly Version MinimumLinuxExtension = new Version(1, 0, 91, 0);

        public override string Id => "Extension.BackupExtension";
        public override string Title => "Backup extension is healthy";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "NoCode.BackupExtensionFailsToLoad", "NoCode.RecoveryServicesExtensionOperationFailed", "UserErrorVmProvisioningStateFailed", "ExtensionStuckInDeletionState",
        };
        public override IReadOnlyList<string> Tags { get; } = new[] { "extensions", "agent" };
        public override string? RepairCommand => "Repair-AzVmBackupExtension";

        private const string ReinstallFix =
            "Uninstall the backup extension (portal: VM > Extensions > VMSnapshot/VMSnapshotLinux > Uninstall, or Repair-AzVmBackupExtension), "
            + "make sure the guest agent is Ready, then start an on-demand backup: it installs a fresh copy of the extension.";

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (vm.InstanceView == null && vm.Vm.Array("resources").Count == 0)
                return CheckOutcome.Skipped("Neither the instance view nor the VM model's extension list was collected, so the backup extension cannot be seen.");

            var backup = vm.Extensions.Where(e => e.IsBackupExtension).ToList();
            if (backup.Count == 0)
                return CheckOutcome.Pass("The backup extension is not installed; the next backup installs it.",
                    new Evidence(vm.VmId, "properties.instanceView.extensions[].type", null));

            var evidence = backup.SelectMany(Describe(vm.VmId)).ToArray();

            var deleting = backup.FirstOrDefault(e => e.IsDeleting);
            if (deleting != null)
                return CheckOutcome.Fail(
                    $"The backup extension '{deleting.Name}' is being deleted ({deleting.FailureSummary}). While it is being removed (or stuck there), backups are refused.",
                    "Make sure the guest agent is Ready; if the extension stays in 'Deleting', uninstall it again (Repair-AzVmBackupExtension), then start a backup so a fresh copy is installed.",
                    evidence).WithCodes("ExtensionStuckInDeletionState");

            var failed = backup.FirstOrDefault(e => e.IsFailed);
            if (failed != null)
                return CheckOutcome.Fail(
                    $"The backup extension failed: {failed.FailureSummary}. A failed extension also leaves the VM unable to take snapshots.",
                    ReinstallFix, evidence)
                    .WithCodes("NoCode.BackupExtensionFailsToLoad", "NoCode.RecoveryServicesExtensionOperationFailed", "UserErrorVmProvisioningStateFailed");

            var oldLinux = backup.FirstOrDefault(e => string.Equals(e.Type, VmExtension.BackupExtensionLinux, StringComparison.OrdinalIgnoreCase)
                && Version.TryParse(e.HandlerVersion, out var v) && v < MinimumLinuxExtension);
            if (oldLinux != null)
                return CheckOutcome.Warning(
                    $"The Linux backup extension '{oldLinux.Name}' runs version {oldLinux.HandlerVersion}, older than {MinimumLinuxExtension}; old versions fail to update or load.",
                    ReinstallFix, evidence).WithCodes("NoCode.BackupExtensionFailsToLoad");

            var summary = string.Join(", ", backup.Select(e => $"'{e.Name}' {e.HandlerVersion ?? ""} {e.StatusCode ?? e.ProvisioningState ?? ""}".Replace("  ", " ").Trim()));
            return CheckOutcome.Pass($"The backup extension looks healthy: {summary}.", evidence);
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
