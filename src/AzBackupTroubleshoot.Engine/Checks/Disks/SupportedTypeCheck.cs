using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Disks
{
    /// <summary>
    /// Disk kinds and VM security types that Azure VM backup handles only under some policies (Microsoft's Enhanced-policy
    /// article, 06/2025, and the IaaS support matrix): an ephemeral OS disk cannot be backed up at all; Premium SSD v2 and
    /// Ultra disks need the Enhanced policy; shared disks are not backed up (the Enhanced policy can exclude them and back up
    /// the rest); Confidential VMs need the Enhanced policy and are in preview. Trusted Launch VMs are supported by both
    /// policies (Standard through the REST API 2025-01-01 and later), so they are only reported.
    /// </summary>
    public sealed class SupportedTypeCheck : ReadinessCheck
    {
        /// <summary>Managed disk skus the Standard policy cannot protect.</summary>
        public static readonly IReadOnlyList<string> EnhancedOnlySkus = new[] { "PremiumV2_LRS", "UltraSSD_LRS" };

        public override string Id => "Disks.SupportedType";
        public override int Order => 180;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.BackupOptionUnavailableDiskType", "NoCode.UnsupportedVmConfiguration" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "support-matrix", "policy" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var ephemeral = vm.Vm.Str("properties.storageProfile.osDisk.diffDiskSettings.option");
            var securityType = vm.Vm.Str("properties.securityProfile.securityType");
            var disks = vm.AllDisks;
            var evidence = new List<Evidence>
            {
                new Evidence(vm.VmId, "properties.storageProfile.osDisk.diffDiskSettings.option", ephemeral),
                new Evidence(vm.VmId, "properties.securityProfile.securityType", securityType),
            };
            evidence.AddRange(disks.Where(d => d.Sku != null).Select(d => new Evidence(d.ResourceId, d.IsManaged ? "sku.name" : "storageAccountType", d.Sku)));

            if (ephemeral != null)
                return CheckOutcome.Fail(Text("ephemeral", ("option", ephemeral)), Text("fixEphemeral"), evidence.ToArray())
                    .WithCodes("NoCode.BackupOptionUnavailableDiskType");

            // Which policy protects the VM: Enhanced only when every protecting policy is; unknown when unprotected or unread.
            var schedules = vm.Protection.Select(p => p.Schedule).Where(s => s != null).Select(s => s!).ToList();
            evidence.AddRange(schedules.Select(s => new Evidence(s.PolicyId, "properties.policyType", s.Kind)));
            var policy = schedules.Count == 0 ? PolicyKind.Unknown : schedules.All(s => s.IsEnhanced) ? PolicyKind.Enhanced : PolicyKind.Standard;

            var blocked = new List<CheckText>();   // not backed up under the VM's policy
            var limited = new List<CheckText>();   // backed up only partly, in preview, or once the right policy is chosen

            var enhancedOnly = disks.Where(d => d.Sku != null && EnhancedOnlySkus.Any(s => string.Equals(s, d.Sku, StringComparison.OrdinalIgnoreCase))).ToList();
            if (enhancedOnly.Count > 0 && policy != PolicyKind.Enhanced)
                (policy == PolicyKind.Standard ? blocked : limited).Add(Text("enhancedOnlyDisks", ("disks", Names(enhancedOnly.Select(d => $"'{d.Name}' ({d.Sku})")))));

            var excludedLuns = ExcludedLuns(vm);
            var shared = disks.Where(d => d.MaxShares > 1).ToList();
            evidence.AddRange(shared.Select(d => new Evidence(d.ResourceId, "properties.maxShares", d.MaxShares.ToString())));
            var sharedIncluded = shared.Where(d => !(d.Lun is int lun && excludedLuns.Contains(lun))).ToList();
            if (sharedIncluded.Count > 0)
            {
                var names = Names(sharedIncluded.Select(d => $"'{d.Name}' (maxShares {d.MaxShares})"));
                if (policy == PolicyKind.Standard) blocked.Add(Text("sharedStandard", ("disks", names)));
                else limited.Add(Text("sharedNotExcluded", ("disks", names)));
            }

            if (string.Equals(securityType, "ConfidentialVM", StringComparison.OrdinalIgnoreCase))
                (policy == PolicyKind.Standard ? blocked : limited).Add(Text("confidential"));

            if (blocked.Count > 0)
                return CheckOutcome.Fail(Text("blocked", ("reasons", new CheckTextList("; ", blocked.Concat(limited)))), Text("fixPolicy"), evidence.ToArray())
                    .WithCodes("NoCode.BackupOptionUnavailableDiskType");
            if (limited.Count > 0)
                return CheckOutcome.Warning(Text("limited", ("reasons", new CheckTextList("; ", limited))), Text("fixPolicy"), evidence.ToArray())
                    .WithCodes("NoCode.BackupOptionUnavailableDiskType");

            var note = policy == PolicyKind.Enhanced && (enhancedOnly.Count > 0 || shared.Count > 0 || securityType != null)
                ? Text("passEnhanced", ("count", disks.Count), ("securityType", CheckText.Or(securityType, "none")))
                : Text("pass", ("count", disks.Count));
            return CheckOutcome.Pass(note, evidence.ToArray());
        }

        private enum PolicyKind { Unknown, Standard, Enhanced }

        private static string Names(IEnumerable<string> names) => string.Join(", ", names);

        /// <summary>LUNs the protected item excludes from backup (extendedProperties.diskExclusionProperties, isInclusionList false).</summary>
        private static HashSet<int> ExcludedLuns(VmInventory vm)
        {
            var luns = new HashSet<int>();
            foreach (var record in vm.Protection)
            {
                var exclusion = record.ProtectedItem.At("properties.extendedProperties.diskExclusionProperties");
                if (exclusion == null || exclusion.Value.Bool("isInclusionList") == true) continue;
                foreach (var lun in exclusion.Value.Array("diskLunList"))
                    if (lun.ValueKind == System.Text.Json.JsonValueKind.Number) luns.Add(lun.GetInt32());
            }
            return luns;
        }
    }
}
