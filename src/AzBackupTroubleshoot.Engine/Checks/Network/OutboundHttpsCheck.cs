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
    /// </summary>
    public sealed class OutboundHttpsCheck : ReadinessCheck
    {
        public override string Id => "Network.OutboundHttps";
        public override string Title => "NSGs allow outbound HTTPS to Azure Storage";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "ExtensionSnapshotFailedNoNetwork" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "network" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Network) is CheckOutcome skipped) return skipped;
            if (vm.Network.Count == 0)
                return CheckOutcome.Skipped("None of the VM's network interfaces was found in the inventory, so its NSGs cannot be evaluated.");

            // Traffic leaves through the primary NIC.
            var path = vm.Network.FirstOrDefault(p => p.Nic.Bool("properties.primary") == true) ?? vm.Network[0];
            var ipConfig = path.Nic.Array("properties.ipConfigurations").Cast<JsonElement?>()
                .FirstOrDefault(c => c!.Value.Bool("properties.primary") == true) ?? path.Nic.Array("properties.ipConfigurations").Cast<JsonElement?>().FirstOrDefault();
            var match = new OutboundRuleMatch(vm.Location, ipConfig.Str("properties.privateIPAddress"),
                ipConfig.Array("properties.applicationSecurityGroups").Select(a => a.Str("id") ?? "").ToList());

            var evidence = new List<Evidence>();
            var allowedBy = new List<string>();
            string? unknown = null;
            foreach (var (nsg, where) in new[] { (path.NicSecurityGroup, $"network interface '{ArmIds.NameOf(path.Nic.Id())}'"), (path.SubnetSecurityGroup, "subnet " + SubnetName(path)) })
            {
                if (nsg == null && where.StartsWith("subnet") && path.Subnet == null)
                {
                    unknown = "the NIC's subnet is not in the inventory, so its NSG is unknown";
                    continue;
                }
                if (nsg == null)
                {
                    allowedBy.Add($"no NSG on the {where}");
                    continue;
                }
                var nsgName = ArmIds.NameOf(nsg.Value.Id());
                var rule = match.DecidingRule(nsg.Value);
                if (rule == null)
                {
                    allowedBy.Add($"no rule of NSG '{nsgName}' ({where}) matches");
                    continue;
                }
                var ruleId = rule.Value.Id();
                var access = rule.Value.Str("properties.access");
                var priority = rule.Value.Long("properties.priority");
                evidence.Add(new Evidence(ruleId, "properties.access", $"{access} (priority {priority}, destination {Destination(rule.Value)}, ports {Ports(rule.Value)})"));
                if (string.Equals(access, "Deny", StringComparison.OrdinalIgnoreCase))
                    return CheckOutcome.Fail(
                        $"Rule '{rule.Value.Str("name") ?? ArmIds.NameOf(ruleId)}' (priority {priority}) of NSG '{nsgName}' on the {where} denies outbound TCP 443 toward Azure Storage (destination {Destination(rule.Value)}). The backup extension cannot reach Storage, so the snapshot fails.",
                        $"Add an outbound rule to NSG '{nsgName}' that allows TCP 443 to the service tag 'Storage.{vm.Location}' (or 'Storage') with a priority number lower than {priority}, "
                        + "or route the VM's traffic through an HTTP proxy that the NSG allows. Also make sure 168.63.129.16 is reachable from the guest.",
                        evidence.ToArray());
                allowedBy.Add($"rule '{rule.Value.Str("name") ?? ArmIds.NameOf(ruleId)}' (priority {priority}) of NSG '{nsgName}' allows it");
            }
            if (unknown != null)
                return CheckOutcome.Skipped($"No NSG rule seen denies outbound HTTPS ({string.Join("; ", allowedBy)}), but {unknown}.", evidence.ToArray());
            return CheckOutcome.Pass($"Outbound HTTPS to Azure Storage is allowed: {string.Join("; ", allowedBy)}.", evidence.ToArray());
        }

        private static string SubnetName(NetworkPath path)
            => path.Subnet == null ? "(not found)" : $"'{path.Subnet.Value.Str("name") ?? ArmIds.NameOf(path.Subnet.Value.Id())}'";

        private static string Destination(JsonElement rule)
            => rule.Str("properties.destinationAddressPrefix") ?? string.Join(",", rule.Array("properties.destinationAddressPrefixes").Select(p => p.GetString()));

        private static string Ports(JsonElement rule)
            => rule.Str("properties.destinationPortRange") ?? string.Join(",", rule.Array("properties.destinationPortRanges").Select(p => p.GetString()));
    }
}
