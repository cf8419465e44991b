using System;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// What the user means to restore, and where to. Everything but the source and the target resource group is optional;
    /// a pre-check whose input is missing reports Skipped. <see cref="Validate"/> rejects malformed ids before any call.
    /// </summary>
    public sealed class RestoreRequest
    {
        private const string Guid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
        private const string Group = @"[-\w\._\(\)]{1,90}";
        private static readonly Regex ResourceGroupPattern = Pattern($"^/subscriptions/{Guid}/resourceGroups/{Group}$");
        private static readonly Regex VaultPattern = Pattern($"^/subscriptions/{Guid}/resourceGroups/{Group}/providers/Microsoft\\.RecoveryServices/vaults/[^/]+$");
        private static readonly Regex ProtectedItemPattern = Pattern(
            $"^(?<vault>/subscriptions/{Guid}/resourceGroups/{Group}/providers/Microsoft\\.RecoveryServices/vaults/[^/]+)/backupFabrics/[^/]+/protectionContainers/[^/]+/protectedItems/[^/]+$");
        private static readonly Regex StorageAccountPattern = Pattern($"^/subscriptions/{Guid}/resourceGroups/{Group}/providers/Microsoft\\.Storage/storageAccounts/[a-z0-9]{{3,24}}$");
        private static readonly Regex SubnetPattern = Pattern(
            $"^(?<vnet>/subscriptions/{Guid}/resourceGroups/{Group}/providers/Microsoft\\.Network/virtualNetworks/[^/]+)/subnets/(?<subnet>[^/]+)$");
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

        /// <summary>Throws <see cref="ArgumentException"/> naming the first input that is malformed or missing.</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(SourceVmId) && string.IsNullOrWhiteSpace(ProtectedItemId))
                throw new ArgumentException("Name the VM to restore: its resource id, or the vault's protected item id.");
            if (!string.IsNullOrWhiteSpace(SourceVmId)) ArmIds.ParseVmId(SourceVmId);
            Require(ProtectedItemId, ProtectedItemPattern, "protected item",
                "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.RecoveryServices/vaults/<vault>/backupFabrics/Azure/protectionContainers/<container>/protectedItems/<item>");
            Require(VaultId, VaultPattern, "Recovery Services vault", "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.RecoveryServices/vaults/<vault>");
            if (string.IsNullOrWhiteSpace(TargetResourceGroupId))
                throw new ArgumentException("The target resource group id is required (/subscriptions/<guid>/resourceGroups/<group>).");
            Require(TargetResourceGroupId, ResourceGroupPattern, "resource group", "/subscriptions/<guid>/resourceGroups/<group>");
            Require(StorageAccountId, StorageAccountPattern, "storage account",
                "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name of 3-24 lower-case letters and digits>");
            Require(SubnetId, SubnetPattern, "subnet", "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>");
            if (TargetVmName != null && !VmNamePattern.IsMatch(TargetVmName))
                throw new ArgumentException($"'{TargetVmName}' is not a valid VM name: 1-64 letters, digits, '_', '.', '-', starting with a letter or digit and not ending with '.' or '-'.");
            if (DnsLabel != null && !DnsLabelPattern.IsMatch(DnsLabel))
                throw new ArgumentException($"'{DnsLabel}' is not a valid DNS label: 3-63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.");
            if (TargetRegion != null && !RegionPattern.IsMatch(NormalizeRegion(TargetRegion)))
                throw new ArgumentException($"'{TargetRegion}' is not a region name (for example westeurope).");
            if (VmSize != null && string.IsNullOrWhiteSpace(VmSize))
                throw new ArgumentException("The VM size, when given, must not be empty (for example Standard_D2s_v3).");
        }

        /// <summary>The vault part of the protected item id, or null.</summary>
        internal string? VaultOfProtectedItem
            => ProtectedItemId == null ? null : ProtectedItemPattern.Match(ProtectedItemId.Trim()).Groups["vault"].Value;

        /// <summary>The virtual network part of the subnet id, or null.</summary>
        internal string? VirtualNetworkId => SubnetId == null ? null : SubnetPattern.Match(SubnetId.Trim()).Groups["vnet"].Value;

        internal string? SubnetName => SubnetId == null ? null : SubnetPattern.Match(SubnetId.Trim()).Groups["subnet"].Value;

        /// <summary>ARM writes regions as "westeurope" in ids and sometimes "West Europe" elsewhere; compare the first form.</summary>
        public static string NormalizeRegion(string region) => region.Replace(" ", "").Trim().ToLowerInvariant();

        private static void Require(string? value, Regex pattern, string what, string shape)
        {
            if (value == null) return;
            if (!pattern.IsMatch(value.Trim()))
                throw new ArgumentException($"'{value}' is not a {what} resource id. Expected {shape}.");
        }

        private static Regex Pattern(string pattern) => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
