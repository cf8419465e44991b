using System.Globalization;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// What a competent Az PowerShell script sends to learn the facts the tool's checks read, per subscription: every list
/// Az offers at subscription level once, Get-AzVM -Status for each VM (Az has no bulk form of the agent's status), the
/// three lists of each vault, the restore point collections, and, when counting their points,
/// Get-AzRestorePointCollection for each collection.
/// Each request is named by the cmdlet that sends it and the ARM operation (docs/performance.md, "The per-VM script").
/// Sent through the same connection (and so the same pipeline and pacing) as the tool, eight at a time per
/// subscription (ForEach-Object -Parallel -ThrottleLimit 8), so the comparison is of the requests, not of the transport.
/// </summary>
public static class BaselineScript
{
    private const int JobHistoryDays = 14;

    public static async Task RunAsync(ArmConnection connection, IReadOnlyList<string> subscriptions, bool countRestorePoints)
        => await Task.WhenAll(subscriptions.Select(s => new Subscription(connection.Json, s).RunAsync(countRestorePoints)));

    private sealed class Subscription
    {
        private readonly ArmJsonClient _arm;
        private readonly string _path;
        private readonly SemaphoreSlim _slots = new(8);

        public Subscription(ArmJsonClient arm, string subscriptionId)
        {
            _arm = arm;
            _path = "/subscriptions/" + subscriptionId;
        }

        public async Task RunAsync(bool countRestorePoints)
        {
            var vms = List("Microsoft.Compute/virtualMachines", ApiVersions.Compute);            // Get-AzVM: VirtualMachines_ListAll
            var disks = List("Microsoft.Compute/disks", ApiVersions.Disks);                       // Get-AzDisk: Disks_List
            var lists = new[]
            {
                List("Microsoft.Network/networkInterfaces", ApiVersions.Network),                // Get-AzNetworkInterface: NetworkInterfaces_ListAll
                List("Microsoft.Network/networkSecurityGroups", ApiVersions.Network),            // Get-AzNetworkSecurityGroup: NetworkSecurityGroups_ListAll
                List("Microsoft.Network/virtualNetworks", ApiVersions.Network),                  // Get-AzVirtualNetwork: VirtualNetworks_ListAll
                List("Microsoft.Authorization/locks", ApiVersions.Locks),                        // Get-AzResourceLock: ManagementLocks_ListAtSubscriptionLevel
            };
            var assignments = List("Microsoft.Authorization/policyAssignments", ApiVersions.PolicyAssignments); // Get-AzPolicyAssignment: PolicyAssignments_List
            var vaults = List("Microsoft.RecoveryServices/vaults", ApiVersions.RecoveryServicesVaults); // Get-AzRecoveryServicesVault: Vaults_ListBySubscriptionId
            // Where the collections are (the tool's lock checks read their groups even when it skips the points):
            // Get-AzResource -ResourceType Microsoft.Compute/restorePointCollections sends Resources_List with that
            // $filter; the emulator does not serve Resources_List, so RestorePointCollections_ListAll stands in (one list,
            // the same pages).
            var collections = List("Microsoft.Compute/restorePointCollections", ApiVersions.Compute);

            var reads = new List<Task>(lists);
            // Get-AzVM -ResourceGroupName -Name -Status: VirtualMachines_Get with $expand=instanceView, one per VM.
            reads.AddRange((await vms).Select(vm => Get(vm.Id(), ApiVersions.Compute, "$expand=instanceView")));
            // Get-AzRestorePointCollection -ResourceGroupName -Name: RestorePointCollections_Get with $expand=restorePoints.
            if (countRestorePoints) reads.AddRange((await collections).Select(c => Get(c.Id(), ApiVersions.Compute, "$expand=restorePoints")));
            else reads.Add(collections);
            // Get-AzKeyVault -ResourceGroupName -VaultName for each key vault an encrypted disk names: Vaults_Get.
            reads.AddRange(KeyVaultsOf(await disks).Select(id => Get(id, ApiVersions.KeyVault)));
            // Get-AzPolicyDefinition -Id for each definition an assignment uses: PolicyDefinitions_Get(BuiltIn).
            reads.AddRange((await assignments).Select(a => a.Str("properties.policyDefinitionId")).OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).Select(id => Get(id, ApiVersions.Policy)));
            foreach (var vault in await vaults)
            {
                // Get-AzRecoveryServicesBackupItem -BackupManagementType AzureVM -WorkloadType AzureVM -VaultId: BackupProtectedItems_List.
                reads.Add(ListUnder(vault.Id() + "/backupProtectedItems", "$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'")));
                // Get-AzRecoveryServicesBackupJob -BackupManagementType AzureVM -From (14 days ago) -VaultId: BackupJobs_List.
                reads.Add(ListUnder(vault.Id() + "/backupJobs", "$filter=" + Uri.EscapeDataString(JobFilter())));
                // Get-AzRecoveryServicesBackupProtectionPolicy -VaultId: BackupPolicies_List.
                reads.Add(ListUnder(vault.Id() + "/backupPolicies", null));
            }
            await Task.WhenAll(reads);
        }

        private static IEnumerable<string> KeyVaultsOf(IEnumerable<JsonElement> disks)
            => disks.SelectMany(d => d.Array("properties.encryptionSettingsCollection.encryptionSettings"))
                .Select(s => s.Str("diskEncryptionKey.sourceVault.id")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);

        private static string JobFilter()
        {
            const string format = "yyyy-MM-dd hh:mm:ss tt";
            var now = DateTime.UtcNow;
            return $"backupManagementType eq 'AzureIaasVM' and startTime eq '{now.AddDays(-JobHistoryDays).ToString(format, CultureInfo.InvariantCulture)}' and endTime eq '{now.ToString(format, CultureInfo.InvariantCulture)}'";
        }

        private Task<List<JsonElement>> List(string type, string apiVersion) => ListUnder($"{_path}/providers/{type}", null, apiVersion);

        private Task<List<JsonElement>> ListUnder(string path, string? query, string apiVersion = ApiVersions.RecoveryServicesBackup) => Slot(async () =>
        {
            var items = new List<JsonElement>();
            await foreach (var item in _arm.ListAsync(path, apiVersion, query)) items.Add(item);
            return items;
        });

        private Task<JsonElement> Get(string id, string apiVersion, string? query = null) => Slot(() => _arm.GetAsync(id, apiVersion, query));

        private async Task<T> Slot<T>(Func<Task<T>> read)
        {
            await _slots.WaitAsync();
            try { return await read(); }
            finally { _slots.Release(); }
        }
    }
}
