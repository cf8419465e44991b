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
        public override int Order => 60;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.ExistingVm), nameof(RestoreFacts.DnsAvailability), nameof(RestoreFacts.TargetResourceGroup) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreDnsNameTaken" };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            var name = facts.Request.TargetVmName;
            var label = facts.Request.DnsLabel;
            if (name == null && label == null) return CheckOutcome.Skipped(Text("nothingGiven"));

            var taken = new List<CheckText>();
            var free = new List<CheckText>();
            var unknown = new List<CheckText>();
            var evidence = new List<Evidence>();
            if (name != null)
            {
                var existing = facts.ExistingVm;
                evidence.Add(new Evidence(existing.Path, "(GET)", existing.Found ? "200" : existing.Error == null ? null : $"{existing.Error.Status} {existing.Error.ErrorCode}"));
                if (existing.Found) taken.Add(Text("vmTaken", ("name", name), ("group", ArmIds.ResourceGroupOf(existing.Path))));
                else if (facts.TargetResourceGroup.NotFound) unknown.Add(Text("vmUnknownNoGroup", ("name", name)));
                else if (existing.NotFound) free.Add(Text("vmFree", ("name", name)));
                else unknown.Add(Text("vmUnknown", ("name", name), ("reason", existing.FailureReason)));
            }
            if (label != null)
            {
                var dns = facts.DnsAvailability;
                var available = dns.Body?.Bool("available");
                evidence.Add(new Evidence(dns.Path, "available", available?.ToString().ToLowerInvariant()));
                if (available == false) taken.Add(Text("labelTaken", ("label", label), ("region", facts.TargetRegion)));
                else if (available == true) free.Add(Text("labelFree", ("label", label), ("region", facts.TargetRegion)));
                else if (dns.Failed) unknown.Add(Text("labelUnknown", ("label", label), ("reason", dns.FailureReason)));
                else unknown.Add(Text("labelUnknownNoRegion", ("label", label)));
            }

            if (taken.Count > 0)
                return CheckOutcome.Fail(
                    Text("fail", ("taken", new CheckTextList("; ", taken))),
                    Text("fix"),
                    evidence.ToArray());
            if (unknown.Count > 0)
                return CheckOutcome.Skipped(Text("unknown", ("unknown", new CheckTextList("; ", unknown))), evidence.ToArray());
            return CheckOutcome.Pass(Text("pass", ("free", new CheckTextList("; ", free))), evidence.ToArray());
        }
    }
}
