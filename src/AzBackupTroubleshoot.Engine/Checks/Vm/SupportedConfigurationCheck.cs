using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Vm
{
    /// <summary>
    /// VM settings outside Azure VM backup's support matrix that the model shows: too many data disks for the disk kind,
    /// and Spot priority. (Disk sizes and disk types have their own checks.)
    /// </summary>
    public sealed class SupportedConfigurationCheck : ReadinessCheck
    {
        public const int MaxManagedDataDisks = 32;
        public const int MaxUnmanagedDataDisks = 16;

        public override string Id => "Vm.SupportedConfiguration";
        public override string Title => "VM configuration is inside the backup support matrix";
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.UnsupportedVmConfiguration" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "support-matrix" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var dataDisks = vm.AllDisks.Where(d => !d.IsOsDisk).ToList();
            var managed = vm.Vm.Str("properties.storageProfile.osDisk.managedDisk.id") != null;
            var limit = managed ? MaxManagedDataDisks : MaxUnmanagedDataDisks;
            var priority = vm.Vm.Str("properties.priority");
            var evidence = new[]
            {
                new Evidence(vm.VmId, "properties.storageProfile.dataDisks.length", dataDisks.Count.ToString()),
                new Evidence(vm.VmId, "properties.priority", priority),
            };

            var problems = new List<string>();
            if (dataDisks.Count > limit)
                problems.Add($"it has {dataDisks.Count} data disks, more than the {limit} supported for {(managed ? "managed" : "unmanaged")}-disk VMs");
            if (string.Equals(priority, "Spot", StringComparison.OrdinalIgnoreCase))
                problems.Add("it is a Spot VM, which Azure VM backup does not support");
            if (problems.Count == 0)
                return CheckOutcome.Pass($"{dataDisks.Count} data disk(s) (limit {limit}) and priority '{priority ?? "Regular"}' are supported.", evidence);
            return CheckOutcome.Warning(
                $"The VM is outside the backup support matrix: {string.Join("; ", problems)}.",
                "Bring the VM inside the support matrix (fewer, larger data disks; a Regular-priority VM), or protect its data another way (for example the MARS agent for files).",
                evidence);
        }
    }
}
