using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>A vault's protected item for a VM, with the vault id and the policy the item uses (when found).</summary>
    public sealed class ProtectionRecord
    {
        public ProtectionRecord(string vaultId, JsonElement protectedItem, JsonElement? policy)
        {
            VaultId = vaultId;
            ProtectedItem = protectedItem;
            Policy = policy;
        }

        public string VaultId { get; }
        public JsonElement ProtectedItem { get; }
        public JsonElement? Policy { get; }
        public string VaultName => ArmIds.NameOf(VaultId);

        /// <summary>The policy's schedule and snapshot retention; null when the policy was not found.</summary>
        public BackupPolicySchedule? Schedule => Policy == null ? null : _schedule ??= BackupPolicySchedule.Read(Policy.Value);

        private BackupPolicySchedule? _schedule;
    }
}
