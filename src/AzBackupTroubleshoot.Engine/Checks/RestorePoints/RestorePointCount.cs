using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.RestorePoints
{
    /// <summary>
    /// A VM's restore points counted across all its collections (each read with $expand=restorePoints), with one
    /// evidence row per collection. Collections read without their points make the count unknown, never zero.
    /// </summary>
    internal sealed class RestorePointCount
    {
        private RestorePointCount() { }

        public IReadOnlyList<string> UnexpandedIds { get; private set; } = new List<string>();
        public IReadOnlyList<(string Id, int Count)> PerCollection { get; private set; } = new List<(string, int)>();
        public int Total => PerCollection.Sum(c => c.Count);
        public bool IsKnown => UnexpandedIds.Count == 0;

        public static RestorePointCount Of(VmInventory vm) => new RestorePointCount
        {
            UnexpandedIds = vm.RestorePointCollections.Where(c => c.At("properties.restorePoints") == null).Select(c => c.Id()).ToList(),
            PerCollection = vm.RestorePointCollections.Select(c => (c.Id(), c.Array("properties.restorePoints").Count)).ToList(),
        };

        public Evidence[] Evidence() => PerCollection.Select(c => new Evidence(c.Id, "properties.restorePoints.length", c.Count.ToString())).ToArray();

        public Evidence[] UnexpandedEvidence() => UnexpandedIds.Select(id => new Evidence(id, "properties.restorePoints", null)).ToArray();

        public string UnexpandedNames => string.Join(", ", UnexpandedIds.Select(ArmIds.NameOf));

        /// <summary>"AzureBackup_vm_1: 10, AzureBackup_vm_2: 8", or the check's "noCollection" text.</summary>
        public object Where(CheckText noCollection)
            => PerCollection.Count == 0 ? noCollection : (object)string.Join(", ", PerCollection.Select(c => $"{ArmIds.NameOf(c.Id)}: {c.Count}"));

        /// <summary>Evidence of a policy's schedule and snapshot retention, as read.</summary>
        public static Evidence[] PolicyEvidence(BackupPolicySchedule schedule) => new[]
        {
            new Evidence(schedule.PolicyId, "properties.policyType", schedule.Kind),
            new Evidence(schedule.PolicyId, schedule.FrequencyPath, schedule.FrequencyValue),
            new Evidence(schedule.PolicyId, "properties.instantRpRetentionRangeInDays", schedule.RetentionAssumed ? null : schedule.RetentionDays.ToString()),
        };
    }
}
