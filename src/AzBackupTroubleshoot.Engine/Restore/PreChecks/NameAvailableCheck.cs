using System.Collections.Generic;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// "Create new VM" needs a VM name unused in the target resource group and, when a public IP gets a DNS label, a
    /// label nobody in the region holds (labels are unique per region under cloudapp.azure.com). A taken name or label
    /// fails the restore after the disks were already restored.
    /// </summary>
    public sealed class NameAvailableCheck : RestorePreCheck
    {
        public override string Id => "Restore.NameAvailable";
        public override string Title => "VM name and DNS label are free";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreDnsNameTaken" };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            var name = facts.Request.TargetVmName;
            var label = facts.Request.DnsLabel;
            if (name == null && label == null) return CheckOutcome.Skipped("Neither a target VM name nor a DNS label was given.");

            var taken = new List<string>();
            var free = new List<string>();
            var unknown = new List<string>();
            var evidence = new List<Evidence>();
            if (name != null)
            {
                var existing = facts.ExistingVm;
                evidence.Add(new Evidence(existing.Path, "(GET)", existing.Found ? "200" : existing.Error == null ? null : $"{existing.Error.Status} {existing.Error.ErrorCode}"));
                if (existing.Found) taken.Add($"a VM named '{name}' already exists in resource group {ArmIds.ResourceGroupOf(existing.Path)}");
                else if (facts.TargetResourceGroup.NotFound) unknown.Add($"the VM name '{name}' (the target resource group does not exist)");
                else if (existing.NotFound) free.Add($"no VM is named '{name}' in the target resource group");
                else unknown.Add($"the VM name '{name}' ({existing.FailureReason})");
            }
            if (label != null)
            {
                var dns = facts.DnsAvailability;
                var available = dns.Body?.Bool("available");
                evidence.Add(new Evidence(dns.Path, "available", available?.ToString().ToLowerInvariant()));
                if (available == false) taken.Add($"the DNS label '{label}' is already used in {facts.TargetRegion}");
                else if (available == true) free.Add($"the DNS label '{label}' is free in {facts.TargetRegion}");
                else unknown.Add($"the DNS label '{label}' ({(dns.Failed ? dns.FailureReason : "the target region is not known")})");
            }

            if (taken.Count > 0)
                return CheckOutcome.Fail(
                    "The restore would collide with an existing name: " + string.Join("; ", taken) + ".",
                    "Choose another VM name and DNS label for the restored VM (or remove the resource that holds them).",
                    evidence.ToArray());
            if (unknown.Count > 0)
                return CheckOutcome.Skipped("Not evaluated: could not tell whether these are free: " + string.Join("; ", unknown) + ".", evidence.ToArray());
            return CheckOutcome.Pass(char.ToUpperInvariant(free[0][0]) + string.Join("; ", free).Substring(1) + ".", evidence.ToArray());
        }
    }
}
