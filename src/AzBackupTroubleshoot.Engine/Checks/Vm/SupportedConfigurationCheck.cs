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
        public override int Order => 70;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.UnsupportedVmConfiguration" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "vm", "support-matrix" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
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

            var problems = new List<CheckText>();
            if (dataDisks.Count > limit)
                problems.Add(managed
                    ? Text("tooManyManagedDisks", ("count", dataDisks.Count), ("limit", limit))
                    : Text("tooManyUnmanagedDisks", ("count", dataDisks.Count), ("limit", limit)));
            if (string.Equals(priority, "Spot", StringComparison.OrdinalIgnoreCase))
                problems.Add(Text("spot"));
            if (problems.Count == 0)
                return CheckOutcome.Pass(Text("pass", ("count", dataDisks.Count), ("limit", limit), ("priority", priority ?? "Regular")), evidence);
            return CheckOutcome.Warning(
                Text("warning", ("problems", new CheckTextList("; ", problems))),
                Text("fix"),
                evidence);
        }
    }
}
