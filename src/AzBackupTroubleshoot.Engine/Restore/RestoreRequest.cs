using System;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// What the user means to restore, and where to. Everything but the source and the target resource group is optional;
    /// a pre-check whose input is missing reports Skipped. <see cref="Validate"/> rejects malformed ids before any call.
    /// </summary>
    public sealed class RestoreRequest
    {
        // Azure's own rules: VM names up to 64 characters, no leading '_' or trailing '.'/'-'; DNS labels as CheckDnsNameAvailability states.
        private static readonly Regex VmNamePattern = new Regex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]$|^[a-zA-Z0-9]$");
        private static readonly Regex DnsLabelPattern = new Regex("^[a-z][a-z0-9-]{1,61}[a-z0-9]$");
        private static readonly Regex RegionPattern = new Regex("^[a-z0-9]+$");

        /// <summary>The VM whose recovery points are restored (it may have been deleted since).</summary>
        public string? SourceVmId { get; set; }

        /// <summary>The vault's protected item for the VM; an alternative to <see cref="SourceVmId"/> that also names the vault.</summary>
        public string? ProtectedItemId { get; set; }

        /// <summary>The Recovery Services vault; found from the protected item, or by searching the VM's subscription, when absent.</summary>
        public string? VaultId { get; set; }

        /// <summary>Where the restored VM or disks go. Required.</summary>
        public string? TargetResourceGroupId { get; set; }

        /// <summary>The staging storage account (restore disks, unmanaged disks).</summary>
        public string? StorageAccountId { get; set; }

        /// <summary>The target subnet: .../virtualNetworks/{vnet}/subnets/{subnet}.</summary>
        public string? SubnetId { get; set; }

        public string? TargetVmName { get; set; }

        public string? DnsLabel { get; set; }

        /// <summary>The restored VM's size; defaults to the source VM's (needed when the source VM no longer exists).</summary>
        public string? VmSize { get; set; }

        /// <summary>The region to restore into; defaults to the vault's. Another region means Cross Region Restore.</summary>
        public string? TargetRegion { get; set; }

        /// <summary>
        /// Throws an InvalidInput <see cref="AzbtException"/> naming the first input that is malformed or missing: ids by
        /// the engine's identifier rules (<see cref="Identifiers"/>: InvalidResourceId, InvalidSubscriptionId,
        /// InvalidResourceGroupName), the rest as InvalidRestoreRequest.
        /// </summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(SourceVmId) && string.IsNullOrWhiteSpace(ProtectedItemId))
                throw Invalid("Name the VM to restore: its resource id, or the vault's protected item id.", null);
            if (!string.IsNullOrWhiteSpace(SourceVmId)) Identifiers.VmId(SourceVmId);
            if (ProtectedItemId != null) Identifiers.Parse(ProtectedItemId, Identifiers.ProtectedItem);
            if (VaultId != null) Identifiers.VaultId(VaultId);
            if (string.IsNullOrWhiteSpace(TargetResourceGroupId))
                throw Invalid("The target resource group id is required (/subscriptions/<guid>/resourceGroups/<group>).", TargetResourceGroupId);
            Identifiers.ResourceGroupId(TargetResourceGroupId);
            if (StorageAccountId != null) Identifiers.Parse(StorageAccountId, Identifiers.StorageAccount);
            if (SubnetId != null) Identifiers.Parse(SubnetId, Identifiers.Subnet);
            if (TargetVmName != null && !VmNamePattern.IsMatch(TargetVmName))
                throw Invalid($"'{Identifiers.Shown(TargetVmName)}' is not a valid VM name: 1-64 letters, digits, '_', '.', '-', starting with a letter or digit and not ending with '.' or '-'.", TargetVmName);
            if (DnsLabel != null && !DnsLabelPattern.IsMatch(DnsLabel))
                throw Invalid($"'{Identifiers.Shown(DnsLabel)}' is not a valid DNS label: 3-63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.", DnsLabel);
            if (TargetRegion != null && !RegionPattern.IsMatch(NormalizeRegion(TargetRegion)))
                throw Invalid($"'{Identifiers.Shown(TargetRegion)}' is not a region name (for example westeurope).", TargetRegion);
            if (VmSize != null && string.IsNullOrWhiteSpace(VmSize))
                throw Invalid("The VM size, when given, must not be empty (for example Standard_D2s_v3).", VmSize);
        }

        /// <summary>The vault part of the protected item id, or null.</summary>
        internal string? VaultOfProtectedItem
            => ProtectedItemId == null ? null : Identifiers.Parse(ProtectedItemId, Identifiers.ProtectedItem).Parent;

        /// <summary>The virtual network part of the subnet id, or null.</summary>
        internal string? VirtualNetworkId => SubnetId == null ? null : Identifiers.Parse(SubnetId, Identifiers.Subnet).Parent;

        internal string? SubnetName => SubnetId == null ? null : Identifiers.Parse(SubnetId, Identifiers.Subnet).Names[1];

        /// <summary>ARM writes regions as "westeurope" in ids and sometimes "West Europe" elsewhere; compare the first form.</summary>
        public static string NormalizeRegion(string region) => region.Replace(" ", "").Trim().ToLowerInvariant();

        private static AzbtException Invalid(string message, string? target)
            => new AzbtException(FailureKind.InvalidInput, FailureCodes.InvalidRestoreRequest, message, target);
    }
}
