using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// A restore that creates a VM needs room under the target subscription's quotas in the target region: vCPUs for
    /// the VM's size (regional total) and one more VM. The size must also be offered in the region. And the seeds'
    /// "resource group quota reached" is the subscription's cap on resource groups, warned about when it is reached.
    /// Per-family vCPU quotas are not compared: mapping a size to its family needs the resource SKUs list.
    /// </summary>
    public sealed class ResourceGroupQuotaCheck : RestorePreCheck
    {
        /// <summary>Azure's limit of resource groups per subscription.</summary>
        public const int ResourceGroupLimit = 980;
        private const string QuotaReached = "NoCode.RestoreResourceGroupQuotaReached";
        private const string SizeNotAvailable = "UserErrorSkuNotAvailable";

        public override string Id => "Restore.ResourceGroupQuota";
        public override string Title => "Quota left for the restored VM";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { QuotaReached, SizeNotAvailable };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            if (SkipIfFailed(facts.SourceVm, "source VM") is CheckOutcome vmSkipped && facts.Request.VmSize == null) return vmSkipped;
            var size = facts.VmSize;
            if (size == null)
                return CheckOutcome.Skipped("The VM size is not known (the source VM was not found); give the size the VM will be restored with.");
            if (facts.TargetRegion == null) return CheckOutcome.Skipped("The target region is not known (the vault could not be read and no region was given).");
            if (SkipIfFailed(facts.ComputeUsages, "compute usages") is CheckOutcome usagesSkipped) return usagesSkipped;
            if (SkipIfFailed(facts.VmSizes, "region's VM sizes") is CheckOutcome sizesSkipped) return sizesSkipped;

            var usagesPath = facts.ComputeUsages.Path;
            var evidence = new List<Evidence> { new Evidence(facts.SourceVmId, "properties.hardwareProfile.vmSize", size) };
            var sizes = facts.VmSizes.Body.Array("value");
            var sizeEntry = sizes.FirstOrDefault(s => string.Equals(s.Str("name"), size, StringComparison.OrdinalIgnoreCase));
            if (sizes.Count > 0 && sizeEntry.ValueKind == JsonValueKind.Undefined)
                return CheckOutcome.Fail(
                    $"Size {size} is not offered in {facts.TargetRegion}, so the VM cannot be created there.",
                    "Restore the disks instead and create the VM from them with a size the region offers.",
                    evidence.ToArray()).WithCodes(SizeNotAvailable);
            var coresNeeded = sizeEntry.ValueKind == JsonValueKind.Object ? sizeEntry.Long("numberOfCores") : null;
            if (coresNeeded != null) evidence.Add(new Evidence(facts.VmSizes.Path, $"value[name={size}].numberOfCores", coresNeeded.ToString()));

            var failures = new List<string>();
            var cores = Usage(facts.ComputeUsages.Body, "cores");
            if (cores != null && coresNeeded != null)
            {
                evidence.Add(new Evidence(usagesPath, "value[name.value=cores]", $"{cores.Value.Current}/{cores.Value.Limit}"));
                if (cores.Value.Limit - cores.Value.Current < coresNeeded)
                    failures.Add($"{size} needs {coresNeeded} vCPUs but only {Math.Max(0, cores.Value.Limit - cores.Value.Current)} of the {cores.Value.Limit} regional vCPUs are free in {facts.TargetRegion}");
            }
            var vms = Usage(facts.ComputeUsages.Body, "virtualMachines");
            if (vms != null)
            {
                evidence.Add(new Evidence(usagesPath, "value[name.value=virtualMachines]", $"{vms.Value.Current}/{vms.Value.Limit}"));
                if (vms.Value.Current >= vms.Value.Limit)
                    failures.Add($"the subscription already has {vms.Value.Current} of its {vms.Value.Limit} VMs in {facts.TargetRegion}");
            }
            if (failures.Count > 0)
                return CheckOutcome.Fail(
                    "There is no room for the restored VM: " + string.Join("; ", failures) + ".",
                    "Free quota (delete or deallocate unused VMs in the region), ask for a quota increase in Azure portal > Quotas, or restore with a smaller size.",
                    evidence.ToArray()).WithCodes(QuotaReached);

            var groups = facts.ResourceGroups.Found ? facts.ResourceGroups.Body.Array("value").Count : (int?)null;
            if (groups != null)
            {
                evidence.Add(new Evidence(facts.ResourceGroups.Path, "value.length", groups.ToString()));
                if (groups >= ResourceGroupLimit)
                    return CheckOutcome.Warning(
                        $"The target subscription has {groups} resource groups, at Azure's limit of {ResourceGroupLimit}; a restore that has to create a group will fail.",
                        "Delete resource groups you no longer use, or ask Azure Support to raise the limit.",
                        evidence.ToArray()).WithCodes(QuotaReached);
            }
            if (cores == null || coresNeeded == null)
                return CheckOutcome.Skipped(
                    $"Not evaluated: ARM reported no {(coresNeeded == null ? $"vCPU count for {size}" : "regional vCPU usage")} in {facts.TargetRegion}, so the vCPUs it needs cannot be compared with the quota.",
                    evidence.ToArray());
            var room = $"{cores.Value.Limit - cores.Value.Current} free vCPUs, enough for {size} ({coresNeeded})";
            if (vms != null) room += $", and room for {vms.Value.Limit - vms.Value.Current} more VMs";
            return CheckOutcome.Pass($"In {facts.TargetRegion} the target subscription has {room}.", evidence.ToArray());
        }

        /// <summary>A usage entry by its name.value ("cores", "virtualMachines", a family name).</summary>
        private static (long Current, long Limit)? Usage(JsonElement? usages, string name)
        {
            foreach (var usage in usages.Array("value"))
            {
                if (!string.Equals(usage.Str("name.value"), name, StringComparison.OrdinalIgnoreCase)) continue;
                var current = usage.Long("currentValue");
                var limit = usage.Long("limit");
                return current == null || limit == null ? null : (current.Value, limit.Value);
            }
            return null;
        }
    }
}
