using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Disks
{
    /// <summary>
    /// Some disk kinds are outside Azure VM backup: an ephemeral OS disk cannot be backed up at all (the portal greys
    /// backup out); Ultra SSD and shared disks are limited (older support matrices excluded them; newer ones need the
    /// Enhanced policy), so they get a warning.
    /// </summary>
    public sealed class SupportedTypeCheck : ReadinessCheck
    {
        public override string Id => "Disks.SupportedType";
        public override int Order => 180;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.BackupOptionUnavailableDiskType", "NoCode.UnsupportedVmConfiguration" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "support-matrix" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var ephemeral = vm.Vm.Str("properties.storageProfile.osDisk.diffDiskSettings.option");
            var ultraEnabled = vm.Vm?.Bool("properties.additionalCapabilities.ultraSSDEnabled") == true;
            var disks = vm.AllDisks;
            var evidence = new List<Evidence>
            {
                new Evidence(vm.VmId, "properties.storageProfile.osDisk.diffDiskSettings.option", ephemeral),
                new Evidence(vm.VmId, "properties.additionalCapabilities.ultraSSDEnabled", ultraEnabled ? "true" : null),
            };
            evidence.AddRange(disks.Where(d => d.Sku != null).Select(d => new Evidence(d.ResourceId, d.IsManaged ? "sku.name" : "storageAccountType", d.Sku)));

            if (ephemeral != null)
                return CheckOutcome.Fail(
                    Text("ephemeral", ("option", ephemeral)),
                    Text("fixEphemeral"),
                    evidence.ToArray()).WithCodes("NoCode.BackupOptionUnavailableDiskType");

            var limited = new List<CheckText>();
            var ultra = disks.Where(d => d.Sku != null && d.Sku.StartsWith("UltraSSD", StringComparison.OrdinalIgnoreCase)).ToList();
            if (ultra.Count > 0) limited.Add(Text("ultra", ("disks", string.Join(", ", ultra.Select(d => "'" + d.Name + "'")))));
            var shared = disks.Where(d => d.MaxShares > 1).ToList();
            if (shared.Count > 0) limited.Add(Text("shared", ("disks", string.Join(", ", shared.Select(d => $"'{d.Name}' (maxShares {d.MaxShares})")))));
            evidence.AddRange(shared.Select(d => new Evidence(d.ResourceId, "properties.maxShares", d.MaxShares.ToString())));
            if (limited.Count > 0)
                return CheckOutcome.Warning(
                    Text("limited", ("disks", new CheckTextList("; ", limited))),
                    Text("fixLimited"),
                    evidence.ToArray()).WithCodes("NoCode.BackupOptionUnavailableDiskType");

            return CheckOutcome.Pass(Text("pass", ("count", disks.Count)), evidence.ToArray());
        }
    }
}
