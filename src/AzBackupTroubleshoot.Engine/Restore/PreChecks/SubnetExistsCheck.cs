using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// The restored VM's NIC goes into the chosen subnet, so the subnet must exist, and its virtual network must be in
    /// the region and subscription the VM is restored into (a NIC cannot join a network elsewhere). The network is read
    /// rather than the subnet alone: it tells a missing network from a missing subnet and carries the location.
    /// </summary>
    public sealed class SubnetExistsCheck : RestorePreCheck
    {
        private const string SubnetNotFound = "NoCode.RestoreSubnetNotFound";
        private const string InvalidNetwork = "NoCode.RestoreInvalidVnetConfig";

        public override string Id => "Restore.SubnetExists";
        public override int Order => 40;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.VirtualNetwork) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { SubnetNotFound, InvalidNetwork };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            var vnet = facts.VirtualNetwork;
            var subnetName = facts.Request.SubnetName;
            if (!vnet.WasRequested || subnetName == null) return CheckOutcome.Skipped(Text("noSubnet"));
            if (SkipIfFailed(vnet, CheckText.Common("read.virtualNetwork")) is CheckOutcome skipped) return skipped;
            if (vnet.NotFound)
                return CheckOutcome.Fail(
                    Text("vnetMissing", ("vnet", ArmIds.NameOf(vnet.Path)), ("subnet", subnetName)),
                    Text("fixVnetMissing"),
                    new Evidence(vnet.Path, "(GET)", "404 " + vnet.Error!.ErrorCode)).WithCodes(SubnetNotFound);

            var subnetNames = vnet.Body.Array("properties.subnets").Select(s => s.Str("name")).Where(n => n != null).ToList();
            var evidence = new List<Evidence> { new Evidence(vnet.Path, "properties.subnets[*].name", string.Join(",", subnetNames)) };
            if (!subnetNames.Any(n => string.Equals(n, subnetName, StringComparison.OrdinalIgnoreCase)))
                return CheckOutcome.Fail(
                    subnetNames.Count == 0
                        ? Text("noSubnets", ("vnet", ArmIds.NameOf(vnet.Path)), ("subnet", subnetName))
                        : Text("subnetMissing", ("vnet", ArmIds.NameOf(vnet.Path)), ("subnet", subnetName), ("subnets", string.Join(", ", subnetNames))),
                    Text("fixSubnetMissing"),
                    evidence.ToArray()).WithCodes(SubnetNotFound);

            var vnetRegion = RestoreFacts.Region(vnet.Body);
            evidence.Add(new Evidence(vnet.Path, "location", vnet.Body.Str("location")));
            if (facts.TargetRegion != null && vnetRegion != null && vnetRegion != facts.TargetRegion)
                return CheckOutcome.Fail(
                    Text("otherRegion", ("subnet", subnetName), ("vnetRegion", vnetRegion), ("targetRegion", facts.TargetRegion)),
                    Text("fixOtherRegion", ("targetRegion", facts.TargetRegion)),
                    evidence.ToArray()).WithCodes(InvalidNetwork);
            var vnetSubscription = ArmIds.SubscriptionOf(vnet.Path);
            if (!string.Equals(vnetSubscription, facts.TargetSubscriptionId, StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Fail(
                    Text("otherSubscription", ("subnet", subnetName), ("vnetSubscription", vnetSubscription), ("targetSubscription", facts.TargetSubscriptionId)),
                    Text("fixOtherSubscription"),
                    evidence.ToArray()).WithCodes(InvalidNetwork);

            return CheckOutcome.Pass(vnetRegion == null
                ? Text("pass", ("subnet", subnetName), ("vnet", ArmIds.NameOf(vnet.Path)))
                : Text("passInRegion", ("subnet", subnetName), ("vnet", ArmIds.NameOf(vnet.Path)), ("region", vnetRegion)), evidence.ToArray());
        }
    }
}
