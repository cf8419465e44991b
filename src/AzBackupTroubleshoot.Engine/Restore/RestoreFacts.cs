using System;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// Everything the restore pre-checks look at, read once from ARM by <see cref="RestoreFactsReader"/>. Like a VM's
    /// inventory for the readiness checks: the pre-checks are pure functions of it and never call Azure.
    /// </summary>
    public sealed class RestoreFacts : ICheckFacts
    {
        public RestoreFacts(RestoreRequest request) => Request = request;

        public RestoreRequest Request { get; }

        CheckSubject ICheckFacts.Subject => CheckSubject.FromVmId(SourceVmId);

        /// <summary>The VM being restored: given, or taken from its protected item. Empty when neither could be had.</summary>
        public string SourceVmId { get; init; } = "";

        /// <summary>The vault holding the recovery points: given, from the protected item, or found by search.</summary>
        public string? VaultId { get; init; }

        public ResourceRead Vault { get; init; } = ResourceRead.NotRequested();
        public ResourceRead SourceVm { get; init; } = ResourceRead.NotRequested();
        /// <summary>The source VM's managed OS disk; read only for a cross-subscription restore, where encryption matters.</summary>
        public ResourceRead SourceOsDisk { get; init; } = ResourceRead.NotRequested();
        public ResourceRead StorageAccount { get; init; } = ResourceRead.NotRequested();
        public ResourceRead TargetResourceGroup { get; init; } = ResourceRead.NotRequested();
        /// <summary>The target subnet's virtual network (its location and subnets).</summary>
        public ResourceRead VirtualNetwork { get; init; } = ResourceRead.NotRequested();
        /// <summary>A VM with the target name in the target resource group: found means the name is taken.</summary>
        public ResourceRead ExistingVm { get; init; } = ResourceRead.NotRequested();
        /// <summary>CheckDnsNameAvailability's answer for the DNS label in the target region: {"available": bool}.</summary>
        public ResourceRead DnsAvailability { get; init; } = ResourceRead.NotRequested();
        /// <summary>Compute usages of the target subscription in the target region, as {"value": [...]}.</summary>
        public ResourceRead ComputeUsages { get; init; } = ResourceRead.NotRequested();
        /// <summary>VM sizes offered in the target region, as {"value": [...]}.</summary>
        public ResourceRead VmSizes { get; init; } = ResourceRead.NotRequested();
        /// <summary>The target subscription's resource groups, as {"value": [...]}.</summary>
        public ResourceRead ResourceGroups { get; init; } = ResourceRead.NotRequested();
        public ResourceRead VaultSubscription { get; init; } = ResourceRead.NotRequested();
        public ResourceRead TargetSubscription { get; init; } = ResourceRead.NotRequested();
        /// <summary>Microsoft.RecoveryServices in the target subscription; read only for a cross-subscription restore.</summary>
        public ResourceRead RecoveryServicesRegistration { get; init; } = ResourceRead.NotRequested();

        public string TargetSubscriptionId => ArmIds.SubscriptionOf(Request.TargetResourceGroupId ?? "") ?? "";

        public string? VaultSubscriptionId => VaultId == null ? null : ArmIds.SubscriptionOf(VaultId);

        public bool IsCrossSubscription => VaultSubscriptionId != null && !string.Equals(VaultSubscriptionId, TargetSubscriptionId, StringComparison.OrdinalIgnoreCase);

        public string? VaultRegion => Region(Vault.Body);

        /// <summary>The region the VM is restored into: the one asked for, else the vault's.</summary>
        public string? TargetRegion => Request.TargetRegion != null ? RestoreRequest.NormalizeRegion(Request.TargetRegion) : VaultRegion;

        /// <summary>The restored VM's size: the one asked for, else the source VM's.</summary>
        public string? VmSize => Request.VmSize ?? SourceVm.Body.Str("properties.hardwareProfile.vmSize");

        public static string? Region(JsonElement? resource)
        {
            var location = resource.Str("location");
            return location == null ? null : RestoreRequest.NormalizeRegion(location);
        }
    }
}
