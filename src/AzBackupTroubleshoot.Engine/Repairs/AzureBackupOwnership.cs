using System;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Decides whether a restore point collection is Azure Backup's own for a VM. Two facts must both hold: the
    /// collection's source is the VM (properties.source.id), and it lives in a resource group named the way Azure Backup
    /// names its restore-point groups (AzureBackupRG_&lt;region&gt;_&lt;n&gt;, or the policy's custom prefix). A collection the
    /// customer made for the same VM elsewhere is never touched.
    /// </summary>
    public static class AzureBackupOwnership
    {
        public static bool IsBackupCollection(VmInventory vm, JsonElement collection)
        {
            if (!ArmIds.Same(collection.Str("properties.source.id"), vm.VmId)) return false;
            var group = ArmIds.ResourceGroupOf(collection.Id());
            if (group == null) return false;
            return GroupPrefixes(vm).Any(prefix => group.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase));
        }

        private static string[] GroupPrefixes(VmInventory vm)
        {
            var custom = vm.Protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNamePrefix"))
                .Where(p => !string.IsNullOrEmpty(p)).Select(p => p!);
            return new[] { InventoryBuilder.DefaultRestorePointGroupPrefix.TrimEnd('_') }.Concat(custom).ToArray();
        }
    }
}
