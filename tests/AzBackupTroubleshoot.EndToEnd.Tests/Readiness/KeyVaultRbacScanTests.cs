using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>
/// The key vault check on the demo's RBAC vaults through the emulator: kv-ade-rbac gives Backup Key Vault Administrator,
/// kv-ade-rbac-reader only Key Vault Reader and Secrets User; both inherit a subscription-level assignment.
/// </summary>
public sealed class KeyVaultRbacScanTests
{
    private const string Sub = "6d1e0f2a-3b4c-4d5e-8f60-7a8b9c0d1e2f";
    private const string RbacVault = "/subscriptions/" + Sub + "/resourceGroups/rg-security-ne/providers/Microsoft.KeyVault/vaults/kv-ade-rbac";
    private const string Check = "KeyVault.BackupAccess";

    [Fact]
    public async Task Each_rbac_key_vault_is_listed_once_and_each_role_read_once()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub), configure: o => o.BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId });

        var entries = azure.Emulator.Requests.Entries;
        var lists = entries.Where(e => e.Path.EndsWith("/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, lists.Count); // kv-ade-rbac and kv-ade-rbac-reader; the access-policy vaults are not asked
        Assert.All(lists, l => Assert.Equal("$filter=atScope()", Uri.UnescapeDataString(l.Query.Split('&').Single(q => q.StartsWith("$filter", StringComparison.Ordinal) || q.StartsWith("%24filter", StringComparison.Ordinal)))));
        // Key Vault Administrator, Key Vault Reader (also the inherited one), Key Vault Secrets User
        Assert.Equal(3, entries.Count(e => e.Path.Contains("/providers/Microsoft.Authorization/roleDefinitions/", StringComparison.OrdinalIgnoreCase)));

        Assert.Equal(CheckStatus.Pass, outcome.Single("vm-encrypted-kv-rbac", Check).Status);
        var fail = outcome.Single("vm-encrypted-kv-rbac-ro", Check);
        Assert.Equal(CheckStatus.Fail, fail.Status);
        Assert.Contains("Microsoft.KeyVault/vaults/keys/backup/action", fail.Message);
        Assert.DoesNotContain("getSecret", fail.Message); // Key Vault Secrets User grants it
        Assert.Contains($"New-AzRoleAssignment -ObjectId '{DemoScan.BackupServiceObjectId}' -RoleDefinitionName 'Key Vault Administrator'", fail.Remediation);
    }

    [Fact]
    public async Task A_key_vault_that_vms_of_two_subscriptions_use_is_listed_once_per_scan()
    {
        // A copy of vm-encrypted-kv-rbac-ro in the Development subscription, its disk still keyed in kv-ade-rbac-reader.
        const string dev = "9e8d7c6b-5a49-4384-b726-15f0e1d2c3b4";
        var scenario = Scenario.Load(RepoPaths.DemoScenario);
        var prodCompute = $"/subscriptions/{Sub}/resourceGroups/rg-data-ne/providers/Microsoft.Compute/";
        foreach (var id in new[] { "virtualMachines/vm-encrypted-kv-rbac-ro", "disks/vm-encrypted-kv-rbac-ro_OsDisk_1" })
            scenario.Add(System.Text.Json.Nodes.JsonNode.Parse(scenario.Get(prodCompute + id)!.ToJsonString().Replace(prodCompute, $"/subscriptions/{dev}/resourceGroups/rg-dev-apps/providers/Microsoft.Compute/"))!);
        await using var azure = await EmulatedAzure.StartAsync(scenario);

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub).AddSubscription(dev), configure: o => o.BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId });

        var lists = azure.Emulator.Requests.Entries.Count(e => e.Path.EndsWith("/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, lists);
        var both = outcome.Results.Where(r => r.VmName == "vm-encrypted-kv-rbac-ro" && r.CheckId == Check).ToList();
        Assert.Equal(2, both.Count);
        Assert.All(both, r => Assert.Equal(CheckStatus.Fail, r.Status));
        Assert.Equal(both[0].Message, both[1].Message);
    }

    [Fact]
    public async Task A_403_on_the_role_assignment_list_is_a_scope_error_and_that_vault_is_never_passed()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/vaults/kv-ade-rbac/providers/Microsoft.Authorization/roleAssignments$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 10 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(Sub), configure: o => o.BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId });

        var result = outcome.Single("vm-encrypted-kv-rbac", Check);
        Assert.Equal(CheckStatus.Skipped, result.Status);
        Assert.Contains(result.Evidence, e => e.ResourceId == RbacVault && e.Value!.Contains("AuthorizationFailed"));
        var error = Assert.Single(outcome.Errors, e => e.Scope == RbacVault);
        Assert.Equal("AuthorizationFailed", error.ErrorId);
        Assert.Equal(CheckStatus.Fail, outcome.Single("vm-encrypted-kv-rbac-ro", Check).Status); // its own list was read
        // The refusal was of the read: ARM still holds the assignment that would have passed the VM.
        Assert.NotNull(azure.Emulator.Scenario.Get(RbacVault + "/providers/Microsoft.Authorization/roleAssignments/7a1c0de0-0000-4000-8000-0000000000a1"));
    }

    [Fact]
    public async Task A_saved_inventory_keeps_the_role_assignments_and_gives_the_same_verdicts()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        using var folder = new TempFolder();
        var path = folder.Combine("inventory.json");
        var scope = new ScanScope().AddResourceGroup(Sub, "rg-data-ne");
        await using (var file = File.Create(path))
            await foreach (var _ in InventoryFile.RecordAsync(new ArmInventoryCollector(azure.Connect()).CollectAsync(scope), file, DateTimeOffset.UtcNow)) { }

        var saved = InventoryFile.Load(path);
        var vm = saved.Vms.Single(v => v.Name == "vm-encrypted-kv-rbac");
        var context = new EvaluationContext { EvaluatedAt = saved.CollectedAt, BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId } };

        Assert.Equal(2, vm.RoleAssignments.Count); // the vault's own and the subscription's, each with its role
        Assert.All(vm.RoleAssignments, r => Assert.NotNull(r.Definition));
        Assert.Equal(CheckStatus.Pass, new AzBackupTroubleshoot.Checks.KeyVault.BackupAccessCheck().Evaluate(vm, context).Status);
    }
}
