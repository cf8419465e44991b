using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// One disk of a VM (OS or data), joining the VM model's storageProfile entry with the managed disk resource when it
    /// was collected. Holds the facts several checks need: size, Azure Disk Encryption (ADE) keys, sku, sharing.
    /// </summary>
    public sealed class VmDisk
    {
        private VmDisk(string name) => Name = name;

        public string Name { get; }
        /// <summary>Null for the OS disk.</summary>
        public int? Lun { get; private set; }
        public bool IsOsDisk => Lun == null;
        public bool IsManaged { get; private set; }

        /// <summary>The resource the facts were read from: the managed disk when collected, else the VM.</summary>
        public string ResourceId { get; private set; } = "";

        public long? SizeGb { get; private set; }
        /// <summary>JSON path of <see cref="SizeGb"/> in <see cref="ResourceId"/>.</summary>
        public string SizePath { get; private set; } = "";

        /// <summary>Azure Disk Encryption is on (encryptionSettingsCollection.enabled, or the legacy osDisk.encryptionSettings.enabled).</summary>
        public bool IsAdeEncrypted { get; private set; }
        public string EncryptionPath { get; private set; } = "";

        /// <summary>The key vault secrets (BEK) and keys (KEK) ADE uses for this disk.</summary>
        public IReadOnlyList<AdeKeyReference> AdeKeys { get; private set; } = Array.Empty<AdeKeyReference>();

        /// <summary>Disk sku (sku.name of the disk, or managedDisk.storageAccountType of the model), e.g. UltraSSD_LRS.</summary>
        public string? Sku { get; private set; }

        /// <summary>properties.maxShares of the managed disk (greater than 1 means a shared disk).</summary>
        public long? MaxShares { get; private set; }

        /// <summary>Every disk of the VM, OS disk first. <paramref name="managedDiskById"/> finds collected disk resources.</summary>
        public static IReadOnlyList<VmDisk> ReadAll(JsonElement vm, Func<string, JsonElement?> managedDiskById)
        {
            var disks = new List<VmDisk>();
            var os = vm.At("properties.storageProfile.osDisk");
            if (os != null) disks.Add(Read(vm, os.Value, "properties.storageProfile.osDisk", null, managedDiskById));
            var data = vm.Array("properties.storageProfile.dataDisks");
            for (var i = 0; i < data.Count; i++)
                disks.Add(Read(vm, data[i], $"properties.storageProfile.dataDisks[{i}]", (int)(data[i].Long("lun") ?? i), managedDiskById));
            return disks;
        }

        private static VmDisk Read(JsonElement vm, JsonElement entry, string entryPath, int? lun, Func<string, JsonElement?> managedDiskById)
        {
            var managedId = entry.Str("managedDisk.id");
            var resource = managedId == null ? null : managedDiskById(managedId);
            var disk = new VmDisk(entry.Str("name") ?? (managedId != null ? ArmIds.NameOf(managedId) : "disk"))
            {
                Lun = lun,
                IsManaged = managedId != null,
                Sku = resource.Str("sku.name") ?? entry.Str("managedDisk.storageAccountType"),
                MaxShares = resource?.Long("properties.maxShares"),
            };

            if (resource != null && resource.Value.Long("properties.diskSizeGB") is long managedSize)
            {
                disk.ResourceId = resource.Value.Id();
                disk.SizeGb = managedSize;
                disk.SizePath = "properties.diskSizeGB";
            }
            else
            {
                disk.ResourceId = vm.Id();
                disk.SizeGb = entry.Long("diskSizeGB");
                disk.SizePath = entryPath + ".diskSizeGB";
            }

            if (resource != null && resource.Value.Bool("properties.encryptionSettingsCollection.enabled") == true)
            {
                disk.IsAdeEncrypted = true;
                disk.EncryptionPath = "properties.encryptionSettingsCollection.enabled";
                disk.AdeKeys = resource.Value.Array("properties.encryptionSettingsCollection.encryptionSettings")
                    .Select(s => AdeKeyReference.Read(disk.Name, resource.Value.Id(), s)).ToList();
            }
            else if (entry.Bool("encryptionSettings.enabled") == true)
            {
                // The older place: the VM model's disk entry carries the settings itself.
                disk.IsAdeEncrypted = true;
                disk.EncryptionPath = entryPath + ".encryptionSettings.enabled";
                disk.AdeKeys = new[] { AdeKeyReference.Read(disk.Name, vm.Id(), entry.At("encryptionSettings")!.Value) };
            }
            return disk;
        }
    }

    /// <summary>Where ADE keeps one disk's keys: the BEK secret (always) and the KEK key (optional), each in a key vault.</summary>
    public sealed class AdeKeyReference
    {
        public string DiskName { get; private set; } = "";
        /// <summary>The resource the reference was read from (the disk or the VM).</summary>
        public string ResourceId { get; private set; } = "";
        public string? SecretVaultId { get; private set; }
        public string? SecretUrl { get; private set; }
        public string? KeyVaultId { get; private set; }
        public string? KeyUrl { get; private set; }

        public bool UsesKek => KeyVaultId != null || KeyUrl != null;

        internal static AdeKeyReference Read(string diskName, string resourceId, JsonElement settings) => new AdeKeyReference
        {
            DiskName = diskName,
            ResourceId = resourceId,
            SecretVaultId = settings.Str("diskEncryptionKey.sourceVault.id"),
            SecretUrl = settings.Str("diskEncryptionKey.secretUrl"),
            KeyVaultId = settings.Str("keyEncryptionKey.sourceVault.id"),
            KeyUrl = settings.Str("keyEncryptionKey.keyUrl"),
        };
    }
}
