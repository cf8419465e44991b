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
        public override int Order => 170;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorUnsupportedDiskSize" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "disks", "support-matrix" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var disks = vm.AllDisks;
            var sized = disks.Where(d => d.SizeGb != null).ToList();
            if (sized.Count == 0)
            {
                return CheckOutcome.Skipped(vm.IsUnavailable(InventoryParts.Disks, out var reason) ? Text("noSizeUnreadable", ("reason", reason)) : Text("noSize"));
            }

            var evidence = sized.Select(d => new Evidence(d.ResourceId, d.SizePath, d.SizeGb.ToString())).ToList();
            var tooBig = sized.Where(d => d.SizeGb > MaxDiskSizeGb).Select(d => Text("tooBig", ("disk", d.Name), ("size", d.SizeGb), ("limit", MaxDiskSizeGb))).ToList();
            var encryptedTooBig = sized.Where(d => d.IsAdeEncrypted && d.SizeGb > MaxEncryptedDiskSizeGb && d.SizeGb <= MaxDiskSizeGb)
                .Select(d => Text("encryptedTooBig", ("disk", d.Name), ("size", d.SizeGb), ("limit", MaxEncryptedDiskSizeGb))).ToList();
            evidence.AddRange(sized.Where(d => d.IsAdeEncrypted).Select(d => new Evidence(d.ResourceId, d.EncryptionPath, "true")));

            var unknown = disks.Count - sized.Count;
            if (tooBig.Count == 0 && encryptedTooBig.Count == 0)
            {
                // Without the disk resources their encryption is unknown: a 5 TB disk may be an encrypted one (limit 4 TB).
                if (SkipIfUnavailable(vm, InventoryParts.Disks) is CheckOutcome unread) return unread;
                return CheckOutcome.Pass(unknown > 0 ? Text("passSomeUnknown", ("count", sized.Count), ("unknown", unknown)) : Text("pass", ("count", sized.Count)), evidence.ToArray());
            }
            return CheckOutcome.Fail(
                Text("fail", ("disks", new CheckTextList("; ", tooBig.Concat(encryptedTooBig)))),
                Text("fix"),
                evidence.ToArray());
        }
    }
}
