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
        public override string Title => "Encrypted VM backs up all its disks";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorEncryptedVmNotSupportedWithDiskEx" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "encryption" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var encrypted = vm.AllDisks.Where(d => d.IsAdeEncrypted).ToList();
            if (encrypted.Count == 0)
                return CheckOutcome.Skipped("No disk of the VM is encrypted with Azure Disk Encryption, so disk exclusion is allowed.");
            if (SkipIfUnavailable(vm, InventoryParts.Vaults) is CheckOutcome skipped) return skipped;
            if (!vm.IsProtected)
                return CheckOutcome.Skipped("The VM is not protected, so no disk exclusion is configured.");

            var evidence = new List<Evidence> { new Evidence(encrypted[0].ResourceId, encrypted[0].EncryptionPath, "true") };
            var selective = new List<string>();
            foreach (var record in vm.Protection)
            {
                var exclusion = record.ProtectedItem.At(DiskExclusionPath);
                var luns = exclusion.Array("diskLunList");
                evidence.Add(new Evidence(record.ProtectedItem.Id(), DiskExclusionPath + ".diskLunList", exclusion == null ? null : string.Join(",", luns.Select(l => l.GetRawText()))));
                if (exclusion == null || luns.Count == 0) continue;
                var inclusion = exclusion.Value.Bool("isInclusionList") == true;
                var policyType = record.Policy.Str("properties.policyType");
                if (string.Equals(policyType, "V2", StringComparison.OrdinalIgnoreCase)) continue; // the restriction is stated for standard policies
                selective.Add($"vault '{record.VaultName}' {(inclusion ? "backs up only" : "excludes")} LUN(s) {string.Join(", ", luns.Select(l => l.GetRawText()))}");
            }
            if (selective.Count == 0)
                return CheckOutcome.Pass("The encrypted VM is backed up with all its disks (no disk exclusion under a standard policy).", evidence.ToArray());
            return CheckOutcome.Fail(
                $"The VM is encrypted with Azure Disk Encryption but its backup is selective: {string.Join("; ", selective)}. Disk exclusion is not supported for encrypted VMs.",
                "Change the VM's backup to include all disks (vault > Backup items > the VM > disk settings, or Enable-AzRecoveryServicesBackupProtection with -ResetExclusionSettings), then retry the backup.",
                evidence.ToArray());
        }
    }
}
