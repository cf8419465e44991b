namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>The ARM resource types the inventory knows, as ARM spells them in a resource's "type".</summary>
    public static class ResourceTypes
    {
        public const string VirtualMachine = "Microsoft.Compute/virtualMachines";
        public const string Disk = "Microsoft.Compute/disks";
        public const string RestorePointCollection = "Microsoft.Compute/restorePointCollections";
        public const string Lock = "Microsoft.Authorization/locks";
        public const string NetworkInterface = "Microsoft.Network/networkInterfaces";
        public const string NetworkSecurityGroup = "Microsoft.Network/networkSecurityGroups";
        public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";
        public const string KeyVault = "Microsoft.KeyVault/vaults";
        public const string RecoveryServicesVault = "Microsoft.RecoveryServices/vaults";
        public const string ProtectedItem = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems";
        public const string BackupJob = "Microsoft.RecoveryServices/vaults/backupJobs";
        public const string BackupPolicy = "Microsoft.RecoveryServices/vaults/backupPolicies";
        public const string PolicyAssignment = "Microsoft.Authorization/policyAssignments";
        public const string PolicyDefinition = "Microsoft.Authorization/policyDefinitions";
        public const string PolicySetDefinition = "Microsoft.Authorization/policySetDefinitions";
        public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
        public const string RoleDefinition = "Microsoft.Authorization/roleDefinitions";
        public const string PolicyExemption = "Microsoft.Authorization/policyExemptions";
    }

    /// <summary>Names of the parts of the inventory that can be missing (forbidden, failed); checks that need a missing part skip.</summary>
    public static class InventoryParts
    {
        public const string VirtualMachines = "virtualMachines";
        public const string Locks = "locks";
        public const string RestorePoints = "restorePoints";
        public const string Vaults = "vaults";
        public const string Network = "network";
        public const string Disks = "disks";
        public const string KeyVaults = "keyVaults";
        public const string Policy = "policy";
        /// <summary>Role assignments (and their role definitions) of the key vaults that use Azure RBAC.</summary>
        public const string RoleAssignments = "roleAssignments";
        public const string PolicyExemptions = "policyExemptions";

        /// <summary>One key vault's role assignments: a list that failed hides that vault's verdict only.</summary>
        public static string RoleAssignmentsOf(string keyVaultId) => RoleAssignments + ":" + keyVaultId.TrimEnd('/').ToLowerInvariant();
    }
}
