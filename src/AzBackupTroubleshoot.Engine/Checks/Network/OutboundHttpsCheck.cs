using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Network
{
    /// <summary>
    /// The backup extension writes the snapshot through Azure Storage over HTTPS. An NSG rule on the VM's NIC or subnet
    /// that denies outbound TCP 443 toward Storage (Storage or AzureCloud tags, Internet, any) makes the snapshot fail.
    /// Outbound traffic must be allowed by both NSGs: the NIC's first, then the subnet's. Routes, firewalls and proxies are not seen.
    /// A rule whose destination is a list of IP ranges (the troubleshooting guide's own fix is to allow the Azure datacenter
    /// ranges) may or may not cover Storage: ARM cannot tell, so such a rule turns the verdict into "cannot confirm" (Warning),
    /// never into Fail. Only a matching deny for Internet, any, or the Storage/AzureCloud tags fails.
    /// </summary>
    public sealed class OutboundHttpsCheck : ReadinessCheck
    {
        public override string Id => "Network.OutboundHttps";
        public override int Order => 210;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Network };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "ExtensionSnapshotFailedNoNetwork" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "network" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Network) is CheckOutcome skipped) return skipped;
            if (vm.Network.Count == 0)
                return CheckOutcome.Skipped(Text("noNic"));

            // Traffic leaves through the primary NIC.
            var path = vm.Network.FirstOrDefault(p => p.Nic.Bool("properties.primary") == true) ?? vm.Network[0];
            var ipConfig = path.Nic.Array("properties.ipConfigurations").Cast<JsonElement?>()
                .FirstOrDefault(c => c!.Value.Bool("properties.primary") == true) ?? path.Nic.Array("properties.ipConfigurations").Cast<JsonElement?>().FirstOrDefault();
            var match = new OutboundRuleMatch(vm.Location, ipConfig.Str("properties.privateIPAddress"),
                ipConfig.Array("properties.applicationSecurityGroups").Select(a => a.Str("id") ?? "").ToList());

            var evidence = new List<Evidence>();
            var allowedBy = new List<CheckText>();
            var uncertain = new List<CheckText>();
            var subnetUnknown = false;
            var nicName = ArmIds.NameOf(path.Nic.Id());
            var nsgs = new[]
            {
                (Nsg: path.NicSecurityGroup, Where: Text("onNic", ("nic", nicName)), IsSubnet: false),
                (Nsg: path.SubnetSecurityGroup, Where: Text("onSubnet", ("subnet", SubnetName(path))), IsSubnet: true),
            };
            foreach (var (nsg, where, isSubnet) in nsgs)
            {
                if (nsg == null && isSubnet && path.Subnet == null)
                {
                    subnetUnknown = true;
                    continue;
                }
                if (nsg == null)
                {
                    allowedBy.Add(Text("noNsg", ("where", where)));
                    continue;
                }
                var nsgName = ArmIds.NameOf(nsg.Value.Id());
                var (rule, ranged) = match.Walk(nsg.Value);
                var denies = rule != null && IsDeny(rule.Value);
                // A ranged rule of the opposite sense, ahead of the deciding rule, may reverse it for Storage's addresses.
                var reversing = ranged.Where(r => IsDeny(r) != denies).ToList();
                evidence.AddRange(reversing.Select(RuleEvidence));
                if (reversing.Count > 0)
                {
                    var first = reversing[0];
                    var args = new (string, object?)[] { ("rule", first.Str("name") ?? ArmIds.NameOf(first.Id())),
                        ("priority", first.Long("properties.priority")), ("nsg", nsgName), ("destination", Destination(first)) };
                    uncertain.Add(denies ? Text("rangeAllows", args) : Text("rangeDenies", args));
                    if (rule != null) evidence.Add(RuleEvidence(rule.Value));
                    continue;
                }
                if (rule == null)
                {
                    allowedBy.Add(Text("noRuleMatches", ("nsg", nsgName), ("where", where)));
                    continue;
                }
                var ruleId = rule.Value.Id();
                var priority = rule.Value.Long("properties.priority");
                evidence.Add(RuleEvidence(rule.Value));
                if (denies)
                    return CheckOutcome.Fail(
                        Text("fail", ("rule", rule.Value.Str("name") ?? ArmIds.NameOf(ruleId)), ("priority", priority), ("nsg", nsgName), ("where", where), ("destination", Destination(rule.Value))),
                        Text("fix", ("nsg", nsgName), ("region", vm.Location), ("priority", priority)),
                        evidence.ToArray());
                allowedBy.Add(Text("ruleAllows", ("rule", rule.Value.Str("name") ?? ArmIds.NameOf(ruleId)), ("priority", priority), ("nsg", nsgName)));
            }
            if (uncertain.Count > 0)
                return CheckOutcome.Warning(Text("cannotConfirm", ("rules", new CheckTextList("; ", uncertain))), Text("fixRange", ("region", vm.Location)), evidence.ToArray());
            if (subnetUnknown)
                return CheckOutcome.Skipped(Text("subnetUnknown", ("allowed", new CheckTextList("; ", allowedBy))), evidence.ToArray());
            return CheckOutcome.Pass(Text("pass", ("allowed", new CheckTextList("; ", allowedBy))), evidence.ToArray());
        }

        private static bool IsDeny(JsonElement rule) => string.Equals(rule.Str("properties.access"), "Deny", StringComparison.OrdinalIgnoreCase);

        private static Evidence RuleEvidence(JsonElement rule)
            => new Evidence(rule.Id(), "properties.access", $"{rule.Str("properties.access")} (priority {rule.Long("properties.priority")}, destination {Destination(rule)}, ports {Ports(rule)})");

        private static string SubnetName(NetworkPath path)
            => path.Subnet == null ? "?" : path.Subnet.Value.Str("name") ?? ArmIds.NameOf(path.Subnet.Value.Id());

        private static string Destination(JsonElement rule)
            => rule.Str("properties.destinationAddressPrefix") ?? string.Join(",", rule.Array("properties.destinationAddressPrefixes").Select(p => p.GetString()));

        private static string Ports(JsonElement rule)
            => rule.Str("properties.destinationPortRange") ?? string.Join(",", rule.Array("properties.destinationPortRanges").Select(p => p.GetString()));
    }
}
