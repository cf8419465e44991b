using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// What a typical per-VM script sends, modelled on Az PowerShell: Get-AzVM (list), Get-AzVM -Status for every VM,
/// Get-AzResourceGroup, the restore point collections and the locks of every group, and per vault its protected items
/// and its backup jobs. Sent through the same connection (and so the same pipeline and pacing) as the tool, eight at
/// a time per subscription, so the comparison is of the requests, not of the transport.
/// </summary>
public static class BaselineScript
{
    public static async Task RunAsync(ArmConnection connection, IReadOnlyList<string> subscriptions)
        => await Task.WhenAll(subscriptions.Select(s => SubscriptionAsync(connection.Json, s)));

    private static async Task SubscriptionAsync(ArmJsonClient arm, string subscriptionId)
    {
        var sub = "/subscriptions/" + subscriptionId;
        using var slots = new SemaphoreSlim(8);
        async Task<T> Slot<T>(Func<Task<T>> read)
        {
            await slots.WaitAsync();
            try { return await read(); }
            finally { slots.Release(); }
        }
        Task<List<JsonElement>> List(string path, string apiVersion, string? query = null) => Slot(async () =>
        {
            var items = new List<JsonElement>();
            await foreach (var item in arm.ListAsync(path, apiVersion, query)) items.Add(item);
            return items;
        });

        var vms = List(sub + "/providers/Microsoft.Compute/virtualMachines", ApiVersions.Compute);
        var groups = List(sub + "/resourcegroups", ApiVersions.Resources);
        var vaults = List(sub + "/providers/Microsoft.RecoveryServices/vaults", ApiVersions.RecoveryServicesVaults);
        var perVm = (await vms).Select(vm => Slot(() => arm.GetAsync(vm.GetProperty("id").GetString()!, ApiVersions.Compute, "$expand=instanceView")));
        var perGroup = (await groups).SelectMany(g => new[]
        {
            List(g.GetProperty("id").GetString()! + "/providers/Microsoft.Compute/restorePointCollections", ApiVersions.Compute),
            List(g.GetProperty("id").GetString()! + "/providers/Microsoft.Authorization/locks", ApiVersions.Locks),
        });
        var perVault = (await vaults).SelectMany(v => new[]
        {
            List(v.GetProperty("id").GetString()! + "/backupProtectedItems", ApiVersions.RecoveryServicesBackup, "$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureIaasVM'")),
            List(v.GetProperty("id").GetString()! + "/backupJobs", ApiVersions.RecoveryServicesBackup),
        });
        await Task.WhenAll(perVm.Cast<Task>().Concat(perGroup).Concat(perVault));
    }
}
