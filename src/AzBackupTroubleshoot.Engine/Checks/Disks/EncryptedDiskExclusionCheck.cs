using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Disks
{
    /// <summary>
    /// Selective disk backup (excluding or listing disks) is not supported for VMs encrypted with Azure Disk Encryption
    /// under a standard policy: such a backup fails until every disk is backed up.
    /// </summary>
    public sealed class EncryptedDiskExclusionCheck : ReadinessCheck
    {
        public const string DiskExclusionPath = "properties.extendedProperties.diskExclusionProperties";

        public override string Id => "Disks.EncryptedDiskExclusion";
        public override int Order => 190;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorEncryptedVmNotSupportedWithDiskEx" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "encryption" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var encrypted = vm.AllDisks.Where(d => d.IsAdeEncrypted).ToList();
            if (encrypted.Count == 0)
                return CheckOutcome.Skipped(Text("notEncrypted"));
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped(Text("notProtected"));

            var evidence = new List<Evidence> { new Evidence(encrypted[0].ResourceId, encrypted[0].EncryptionPath, "true") };
            var selective = new List<CheckText>();
            foreach (var record in vm.Protection)
            {
                var exclusion = record.ProtectedItem.At(DiskExclusionPath);
                var luns = exclusion.Array("diskLunList");
                evidence.Add(new Evidence(record.ProtectedItem.Id(), DiskExclusionPath + ".diskLunList", exclusion == null ? null : string.Join(",", luns.Select(l => l.GetRawText()))));
                if (exclusion == null || luns.Count == 0) continue;
                var inclusion = exclusion.Value.Bool("isInclusionList") == true;
                var policyType = record.Policy.Str("properties.policyType");
                if (string.Equals(policyType, "V2", StringComparison.OrdinalIgnoreCase)) continue; // the restriction is stated for standard policies
                var lunList = string.Join(", ", luns.Select(l => l.GetRawText()));
                selective.Add(inclusion
                    ? Text("includesOnly", ("vault", record.VaultName), ("luns", lunList))
                    : Text("excludes", ("vault", record.VaultName), ("luns", lunList)));
            }
            if (selective.Count == 0)
                return CheckOutcome.Pass(Text("pass"), evidence.ToArray());
            return CheckOutcome.Fail(
                Text("fail", ("selective", new CheckTextList("; ", selective))),
                Text("fix"),
                evidence.ToArray());
        }
    }
}
