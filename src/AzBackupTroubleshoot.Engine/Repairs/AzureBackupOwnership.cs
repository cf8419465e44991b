using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>Whether a restore point collection is Azure Backup's own for a VM, and if not, why not.</summary>
    public sealed class Ownership
    {
        private Ownership(bool isAzureBackups, string reason)
        {
            IsAzureBackups = isAzureBackups;
            Reason = reason;
        }

        public bool IsAzureBackups { get; }

        /// <summary>The rule that decided it, in words (shown when a collection is left alone).</summary>
        public string Reason { get; }

        internal static Ownership Yes(string reason) => new Ownership(true, reason);
        internal static Ownership No(string reason) => new Ownership(false, reason);
    }

    /// <summary>
    /// The one rule that decides what a repair may delete; the planner and the executor both ask it. A collection is
    /// Azure Backup's for a VM only when all three hold:
    /// 1. its resource group is exactly AzureBackupRG_&lt;the VM's region&gt;_&lt;n&gt;, or exactly the group the VM's backup
    ///    policy names (instantRPDetails.azureBackupRGNamePrefix + n + azureBackupRGNameSuffix);
    /// 2. its name is the one Azure Backup gives collections: AzureBackup_&lt;VM name&gt;_&lt;n&gt; (older services used
    ///    AzureBackupRG_&lt;VM name&gt;_&lt;n&gt;);
    /// 3. its properties.source.id is this VM.
    /// Anything else is the customer's, whatever it looks like, and is never deleted.
    /// </summary>
    public static class AzureBackupOwnership
    {
        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

        public static bool IsBackupCollection(VmInventory vm, JsonElement collection) => Judge(vm, collection).IsAzureBackups;

        public static Ownership Judge(VmInventory vm, JsonElement collection)
        {
            var id = collection.Id();
            var group = ArmIds.ResourceGroupOf(id);
            var name = ArmIds.NameOf(id);
            if (!ArmIds.Same(collection.Str("properties.source.id"), vm.VmId))
                return Ownership.No($"its source is {collection.Str("properties.source.id") ?? "not given"}, not {vm.Name}");
            if (group == null || !IsBackupGroup(vm, group))
                return Ownership.No($"its resource group '{group}' is not one Azure Backup names for {vm.Name} ({string.Join(" or ", GroupPatterns(vm))})");
            if (!Regex.IsMatch(name, "^AzureBackup(RG)?_" + Regex.Escape(vm.Name) + @"_\d+$", Options))
                return Ownership.No($"its name '{name}' is not the AzureBackup_{vm.Name}_<n> Azure Backup gives its collections");
            return Ownership.Yes($"Azure Backup's collection of {vm.Name} in {group}");
        }

        /// <summary>True when a resource group's name is exactly one Azure Backup uses for this VM's restore points.</summary>
        public static bool IsBackupGroup(VmInventory vm, string resourceGroup)
            => GroupRegexes(vm).Any(r => Regex.IsMatch(resourceGroup, r, Options));

        private static IEnumerable<string> GroupRegexes(VmInventory vm)
        {
            if (!string.IsNullOrEmpty(vm.Location)) yield return "^AzureBackupRG_" + Regex.Escape(vm.Location) + @"_\d+$";
            foreach (var (prefix, suffix) in PolicyNames(vm))
                yield return "^" + Regex.Escape(prefix) + @"\d+" + Regex.Escape(suffix) + "$";
        }

        private static IEnumerable<string> GroupPatterns(VmInventory vm)
        {
            if (!string.IsNullOrEmpty(vm.Location)) yield return $"AzureBackupRG_{vm.Location}_<n>";
            foreach (var (prefix, suffix) in PolicyNames(vm)) yield return $"{prefix}<n>{suffix}";
        }

        /// <summary>The custom group names the VM's policies set (a prefix is required for a custom name; the suffix is optional).</summary>
        private static IEnumerable<(string Prefix, string Suffix)> PolicyNames(VmInventory vm)
            => vm.Protection
                .Select(p => (Prefix: p.Policy.Str("properties.instantRPDetails.azureBackupRGNamePrefix"), Suffix: p.Policy.Str("properties.instantRPDetails.azureBackupRGNameSuffix") ?? ""))
                .Where(p => !string.IsNullOrEmpty(p.Prefix))
                .Select(p => (p.Prefix!, p.Suffix))
                .Distinct();
    }
}
