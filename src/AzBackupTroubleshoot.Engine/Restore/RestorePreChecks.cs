using System.Collections.Generic;
using AzBackupTroubleshoot.Restore.PreChecks;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>The one place restore pre-checks are registered. Order here is the order results come out.</summary>
    public static class RestorePreChecks
    {
        public static IReadOnlyList<RestorePreCheck> All { get; } = new RestorePreCheck[]
        {
            // The staging storage account.
            new StorageAccountRegionCheck(),
            new StorageAccountTypeCheck(),
            new StorageAccountAvailableCheck(),
            // Where the new VM lands.
            new SubnetExistsCheck(),
            new ResourceGroupQuotaCheck(),
            new NameAvailableCheck(),
            // Whether Backup may restore there at all.
            new BackupServicePermissionCheck(),
        };
    }
}
