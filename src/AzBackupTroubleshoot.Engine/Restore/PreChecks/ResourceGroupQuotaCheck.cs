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
        public override int Order => 50;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.ComputeUsages), nameof(RestoreFacts.VmSizes), nameof(RestoreFacts.ResourceGroups), nameof(RestoreFacts.SourceVm) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { QuotaReached, SizeNotAvailable };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            if (SkipIfFailed(facts.SourceVm, CheckText.Common("read.sourceVm")) is CheckOutcome vmSkipped && facts.Request.VmSize == null) return vmSkipped;
            var size = facts.VmSize;
            if (size == null)
                return CheckOutcome.Skipped(Text("sizeUnknown"));
            if (facts.TargetRegion == null) return CheckOutcome.Skipped(Text("regionUnknown"));
            if (SkipIfFailed(facts.ComputeUsages, CheckText.Common("read.computeUsages")) is CheckOutcome usagesSkipped) return usagesSkipped;
            if (SkipIfFailed(facts.VmSizes, CheckText.Common("read.vmSizes")) is CheckOutcome sizesSkipped) return sizesSkipped;

            var usagesPath = facts.ComputeUsages.Path;
            var evidence = new List<Evidence> { new Evidence(facts.SourceVmId, "properties.hardwareProfile.vmSize", size) };
            var sizes = facts.VmSizes.Body.Array("value");
            var sizeEntry = sizes.FirstOrDefault(s => string.Equals(s.Str("name"), size, StringComparison.OrdinalIgnoreCase));
            if (sizes.Count > 0 && sizeEntry.ValueKind == JsonValueKind.Undefined)
                return CheckOutcome.Fail(
                    Text("sizeNotOffered", ("size", size), ("region", facts.TargetRegion)),
                    Text("fixSizeNotOffered"),
                    evidence.ToArray()).WithCodes(SizeNotAvailable);
            var coresNeeded = sizeEntry.ValueKind == JsonValueKind.Object ? sizeEntry.Long("numberOfCores") : null;
            if (coresNeeded != null) evidence.Add(new Evidence(facts.VmSizes.Path, $"value[name={size}].numberOfCores", coresNeeded.ToString()));

            var failures = new List<CheckText>();
            var cores = Usage(facts.ComputeUsages.Body, "cores");
            if (cores != null && coresNeeded != null)
            {
                evidence.Add(new Evidence(usagesPath, "value[name.value=cores]", $"{cores.Value.Current}/{cores.Value.Limit}"));
                if (cores.Value.Limit - cores.Value.Current < coresNeeded)
                    failures.Add(Text("noCores", ("size", size), ("needed", coresNeeded), ("free", Math.Max(0, cores.Value.Limit - cores.Value.Current)),
                        ("limit", cores.Value.Limit), ("region", facts.TargetRegion)));
            }
            var vms = Usage(facts.ComputeUsages.Body, "virtualMachines");
            if (vms != null)
            {
                evidence.Add(new Evidence(usagesPath, "value[name.value=virtualMachines]", $"{vms.Value.Current}/{vms.Value.Limit}"));
                if (vms.Value.Current >= vms.Value.Limit)
                    failures.Add(Text("noVms", ("current", vms.Value.Current), ("limit", vms.Value.Limit), ("region", facts.TargetRegion)));
            }
            if (failures.Count > 0)
                return CheckOutcome.Fail(
                    Text("fail", ("problems", new CheckTextList("; ", failures))),
                    Text("fix"),
                    evidence.ToArray()).WithCodes(QuotaReached);

            var groups = facts.ResourceGroups.Found ? facts.ResourceGroups.Body.Array("value").Count : (int?)null;
            if (groups != null)
            {
                evidence.Add(new Evidence(facts.ResourceGroups.Path, "value.length", groups.ToString()));
                if (groups >= ResourceGroupLimit)
                    return CheckOutcome.Warning(
                        Text("groupLimit", ("count", groups), ("limit", ResourceGroupLimit)),
                        Text("fixGroupLimit"),
                        evidence.ToArray()).WithCodes(QuotaReached);
            }
            if (cores == null || coresNeeded == null)
                return CheckOutcome.Skipped(
                    coresNeeded == null ? Text("noCoreCount", ("size", size), ("region", facts.TargetRegion)) : Text("noCoreUsage", ("region", facts.TargetRegion)),
                    evidence.ToArray());
            var freeCores = cores.Value.Limit - cores.Value.Current;
            return CheckOutcome.Pass(vms == null
                ? Text("pass", ("region", facts.TargetRegion), ("free", freeCores), ("size", size), ("needed", coresNeeded))
                : Text("passWithVms", ("region", facts.TargetRegion), ("free", freeCores), ("size", size), ("needed", coresNeeded), ("vms", vms.Value.Limit - vms.Value.Current)),
                evidence.ToArray());
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
