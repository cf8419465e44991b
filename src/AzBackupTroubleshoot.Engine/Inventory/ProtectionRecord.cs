using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>A vault's protected item for a VM, with the vault id and the policy the item uses (when found).</summary>
    public sealed record ProtectionRecord(string VaultId, JsonElement ProtectedItem, JsonElement? Policy)
    {
        public string VaultName => ArmIds.NameOf(VaultId);

        /// <summary>The policy's schedule and snapshot retention; null when the policy was not found.</summary>
        public BackupPolicySchedule? Schedule => Policy == null ? null : BackupPolicySchedule.Read(Policy.Value);
    }
}
