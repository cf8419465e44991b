using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Disks
{
    /// <summary>
    /// Azure VM backup supports disks up to 32 TB, and disks encrypted with Azure Disk Encryption up to 4 TB. A larger
    /// disk makes every backup of the VM fail.
    /// </summary>
    public sealed class SupportedSizeCheck : ReadinessCheck
    {
        public const long MaxDiskSizeGb = 32767;
        public const long MaxEncryptedDiskSizeGb = 4096;

        public override string Id => "Disks.SupportedSize";
        public override string Title => "Disk sizes are supported by backup";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorUnsupportedDiskSize" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "support-matrix" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var disks = vm.AllDisks;
            var sized = disks.Where(d => d.SizeGb != null).ToList();
            if (sized.Count == 0)
            {
                var why = vm.IsUnavailable(InventoryParts.Disks, out var reason) ? $" and the disks could not be read ({reason})" : "";
                return CheckOutcome.Skipped($"No disk size is known: the VM model gives none{why}.");
            }

            var evidence = sized.Select(d => new Evidence(d.ResourceId, d.SizePath, d.SizeGb.ToString())).ToList();
            var tooBig = sized.Where(d => d.SizeGb > MaxDiskSizeGb).Select(d => $"'{d.Name}' is {d.SizeGb} GB (limit {MaxDiskSizeGb} GB)").ToList();
            var encryptedTooBig = sized.Where(d => d.IsAdeEncrypted && d.SizeGb > MaxEncryptedDiskSizeGb && d.SizeGb <= MaxDiskSizeGb)
                .Select(d => $"'{d.Name}' is encrypted with Azure Disk Encryption and {d.SizeGb} GB (limit {MaxEncryptedDiskSizeGb} GB for encrypted disks)").ToList();
            evidence.AddRange(sized.Where(d => d.IsAdeEncrypted).Select(d => new Evidence(d.ResourceId, d.EncryptionPath, "true")));

            var unknown = disks.Count - sized.Count;
            var note = unknown > 0 ? $" ({unknown} disk(s) of unknown size not judged)" : "";
            if (tooBig.Count == 0 && encryptedTooBig.Count == 0)
                return CheckOutcome.Pass($"All {sized.Count} disk(s) with a known size are within the limits{note}.", evidence.ToArray());
            return CheckOutcome.Fail(
                $"Backup does not support these disk sizes: {string.Join("; ", tooBig.Concat(encryptedTooBig))}.",
                "Move the data to disks within the limit: attach smaller disks, copy the data over, then detach the large disk. "
                + "Alternatively exclude the disk from backup (selective disk backup) if its data does not need protecting.",
                evidence.ToArray());
        }
    }
}
