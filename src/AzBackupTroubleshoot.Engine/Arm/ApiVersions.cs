namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// The api-version pinned for each provider. Compute matches what Azure.ResourceManager.Compute 1.2.0 sends, and
    /// locks what Azure.ResourceManager 1.7.0 sends, so raw reads and SDK writes see the same shapes.
    /// </summary>
    public static class ApiVersions
    {
        public const string Compute = "2023-07-01";
        public const string Disks = "2023-04-02";
        public const string Locks = "2016-09-01";
        public const string Network = "2023-09-01";
        public const string KeyVault = "2023-07-01";
        public const string RecoveryServicesVaults = "2024-04-01";
        public const string RecoveryServicesBackup = "2025-02-01";
        public const string Resources = "2022-09-01";
        public const string Subscriptions = "2022-12-01";
        public const string Storage = "2023-05-01";
        /// <summary>Policy definitions and set definitions (Microsoft.Authorization, stable 2021-06-01).</summary>
        public const string Policy = "2021-06-01";

        /// <summary>Policy assignments: stable 2022-06-01, the first that returns an assignment's resourceSelectors and overrides.</summary>
        public const string PolicyAssignments = "2022-06-01";
        /// <summary>Role assignments and role definitions (Microsoft.Authorization, stable 2022-04-01).</summary>
        public const string Authorization = "2022-04-01";
        /// <summary>Policy exemptions: only preview versions exist (policyExemptions.json, 2022-07-01-preview).</summary>
        public const string PolicyExemptions = "2022-07-01-preview";
        /// <summary>Resource Graph (resourcegraph.json, stable 2022-10-01).</summary>
        public const string ResourceGraph = "2022-10-01";
    }
}
