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
        public override string Title => "Target subnet exists where the VM is restored";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { SubnetNotFound, InvalidNetwork };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            var vnet = facts.VirtualNetwork;
            var subnetName = facts.Request.SubnetName;
            if (!vnet.WasRequested || subnetName == null) return CheckOutcome.Skipped("No target subnet was given.");
            if (SkipIfFailed(vnet, "virtual network") is CheckOutcome skipped) return skipped;
            if (vnet.NotFound)
                return CheckOutcome.Fail(
                    $"The virtual network {ArmIds.NameOf(vnet.Path)} does not exist, so subnet '{subnetName}' does not either.",
                    "Choose an existing virtual network and subnet in the target region, or create them before restoring.",
                    new Evidence(vnet.Path, "(GET)", "404 " + vnet.Error!.ErrorCode)).WithCodes(SubnetNotFound);

            var subnetNames = vnet.Body.Array("properties.subnets").Select(s => s.Str("name")).Where(n => n != null).ToList();
            var evidence = new List<Evidence> { new Evidence(vnet.Path, "properties.subnets[*].name", string.Join(",", subnetNames)) };
            if (!subnetNames.Any(n => string.Equals(n, subnetName, StringComparison.OrdinalIgnoreCase)))
                return CheckOutcome.Fail(
                    $"The virtual network {ArmIds.NameOf(vnet.Path)} has no subnet '{subnetName}'" + (subnetNames.Count == 0 ? "; it has no subnets at all." : $"; it has {string.Join(", ", subnetNames)}."),
                    "Pick one of the network's subnets, or add the subnet to the network before restoring.",
                    evidence.ToArray()).WithCodes(SubnetNotFound);

            var vnetRegion = RestoreFacts.Region(vnet.Body);
            evidence.Add(new Evidence(vnet.Path, "location", vnet.Body.Str("location")));
            if (facts.TargetRegion != null && vnetRegion != null && vnetRegion != facts.TargetRegion)
                return CheckOutcome.Fail(
                    $"Subnet '{subnetName}' exists, but its network is in {vnetRegion} while the VM is restored into {facts.TargetRegion}; a VM can only join a network in its own region.",
                    $"Choose a virtual network in {facts.TargetRegion}.",
                    evidence.ToArray()).WithCodes(InvalidNetwork);
            var vnetSubscription = ArmIds.SubscriptionOf(vnet.Path);
            if (!string.Equals(vnetSubscription, facts.TargetSubscriptionId, StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Fail(
                    $"Subnet '{subnetName}' exists, but its network is in subscription {vnetSubscription} while the VM is restored into {facts.TargetSubscriptionId}; a NIC cannot join a network of another subscription.",
                    "Choose a virtual network in the target subscription.",
                    evidence.ToArray()).WithCodes(InvalidNetwork);

            return CheckOutcome.Pass($"Subnet '{subnetName}' exists in {ArmIds.NameOf(vnet.Path)}" + (vnetRegion == null ? "." : $", in {vnetRegion}."), evidence.ToArray());
        }
    }
}
