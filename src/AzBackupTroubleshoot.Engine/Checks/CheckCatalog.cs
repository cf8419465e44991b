using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks.Agent;
using AzBackupTroubleshoot.Checks.Disks;
using AzBackupTroubleshoot.Checks.Extensions;
using AzBackupTroubleshoot.Checks.Jobs;
using AzBackupTroubleshoot.Checks.KeyVault;
using AzBackupTroubleshoot.Checks.Locks;
using AzBackupTroubleshoot.Checks.Network;
using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Checks.Vault;
using AzBackupTroubleshoot.Checks.Vm;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>The one place checks are registered. Order here is the order results come out for a VM.</summary>
    public static class CheckCatalog
    {
        public static IReadOnlyList<ReadinessCheck> All { get; } = new ReadinessCheck[]
        {
            // Does the VM exist, and is it backed up at all?
            new ProtectedVmExistsCheck(),
            new ProtectionCheck(),
            new ProtectedItemHealthCheck(),
            // The VM itself.
            new ProvisioningStateCheck(),
            new PowerStateCheck(),
            new GuestShutdownCheck(),
            new SupportedConfigurationCheck(),
            // The guest agent and the extensions it runs.
            new AgentInstalledCheck(),
            new AgentReadyCheck(),
            new AgentVersionCheck(),
            new BackupExtensionCheck(),
            new OtherExtensionsCheck(),
            // Restore points and what blocks their cleanup.
            new VmResourceGroupLockCheck(),
            new RestorePointResourceGroupLockCheck(),
            new CollectionLimitCheck(),
            new BackupFrequencyCheck(),
            // Disks and encryption.
            new SupportedSizeCheck(),
            new SupportedTypeCheck(),
            new EncryptedDiskExclusionCheck(),
            new BackupAccessCheck(),
            // Network path to Storage, and jobs already running.
            new OutboundHttpsCheck(),
            new BackupInProgressCheck(),
        };

        public static ReadinessCheck? Find(string id)
            => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// The checks to run: all, or those named in <paramref name="include"/> (ids, wildcards allowed), minus <paramref name="exclude"/>.
        /// Throws <see cref="ArgumentException"/> naming any pattern that matches no check.
        /// </summary>
        public static IReadOnlyList<ReadinessCheck> Select(IEnumerable<string>? include, IEnumerable<string>? exclude)
        {
            var selected = All.ToList();
            var includeList = include?.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (includeList != null && includeList.Count > 0)
            {
                ThrowOnUnknown(includeList);
                selected = selected.Where(c => includeList.Any(p => Matches(p, c.Id))).ToList();
            }
            var excludeList = exclude?.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (excludeList != null && excludeList.Count > 0)
            {
                ThrowOnUnknown(excludeList);
                selected = selected.Where(c => !excludeList.Any(p => Matches(p, c.Id))).ToList();
            }
            return selected;
        }

        private static void ThrowOnUnknown(List<string> patterns)
        {
            var unknown = patterns.Where(p => !All.Any(c => Matches(p, c.Id))).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"No check matches {string.Join(", ", unknown.Select(u => "'" + u + "'"))}. Known checks: {string.Join(", ", All.Select(c => c.Id))}.");
        }

        /// <summary>Case-insensitive match with '*' as a wildcard.</summary>
        private static bool Matches(string pattern, string id)
        {
            var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern.Trim()).Replace("\\*", ".*") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(id, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }
    }
}
