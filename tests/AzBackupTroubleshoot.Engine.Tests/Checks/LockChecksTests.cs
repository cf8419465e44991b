using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Locks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class LockChecksTests
{
    private static readonly Scenario Locks = Scenario.Load("locks.json");
    private static readonly Scenario SubscriptionLock = Scenario.Load("subscription-lock.json");
    private static readonly Scenario Healthy = Scenario.Load("healthy.json");

    [Fact]
    public void VmResourceGroup_fails_on_a_read_only_lock()
    {
        var outcome = Locks.Evaluate(new VmResourceGroupLockCheck(), "vm-rg-readonly");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("'ro-lock' (ReadOnly, on resource group 'ro-rg')", outcome.Message.English());
        Assert.Equal("ReadOnly", Assert.Single(outcome.Evidence).Value);
    }

    [Fact]
    public void VmResourceGroup_warns_on_a_delete_lock()
    {
        var outcome = Locks.Evaluate(new VmResourceGroupLockCheck(), "vm-rg-delete");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("'keep' (CanNotDelete, on resource group 'del-rg')", outcome.Message.English());
    }

    [Fact]
    public void VmResourceGroup_fails_a_delete_lock_when_the_group_holds_the_restore_points()
    {
        var outcome = Locks.Evaluate(new VmResourceGroupLockCheck(), "vm-legacy");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("AzureBackupRG_vm-legacy_1", outcome.Message.English());
    }

    [Fact]
    public void VmResourceGroup_names_an_inherited_subscription_lock()
    {
        var outcome = SubscriptionLock.Evaluate(new VmResourceGroupLockCheck(), "vm-sub-locked");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("inherited from the subscription", outcome.Message.English());
    }

    [Fact]
    public void VmResourceGroup_ignores_a_lock_on_another_resource()
        => Assert.Equal(CheckStatus.Pass, Locks.Evaluate(new VmResourceGroupLockCheck(), "vm-free").Status);

    [Fact]
    public void VmResourceGroup_skips_when_locks_could_not_be_read()
    {
        var scenario = Scenario.Load("locks.json", set => set.MarkUnavailable(InventoryParts.Locks, "403 Forbidden"));
        var outcome = scenario.Evaluate(new VmResourceGroupLockCheck(), "vm-rg-readonly");
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("403 Forbidden", outcome.Message.English());
    }

    [Fact]
    public void RestorePointGroup_fails_on_a_lock_on_the_vms_collection_itself()
    {
        // A lock on the collection (not on its group) blocks the cleanup just as well.
        var scenario = Scenario.Load("healthy.json", set =>
        {
            var collection = set.OfType(ResourceTypes.RestorePointCollection).Single(c => c.GetProperty("name").GetString() == "AzureBackupRG_vm-healthy_1");
            var lockJson = $$"""{ "id": "{{collection.GetProperty("id").GetString()}}/providers/Microsoft.Authorization/locks/rpc-lock", "name": "rpc-lock", "type": "Microsoft.Authorization/locks", "properties": { "level": "CanNotDelete" } }""";
            set.Add(System.Text.Json.JsonDocument.Parse(lockJson).RootElement.Clone());
        });
        var outcome = scenario.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("rpc-lock", outcome.Message.English());
        Assert.Equal(CheckStatus.Pass, Healthy.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-healthy").Status);
    }

    [Fact]
    public void RestorePointGroup_fails_on_a_lock_on_the_backup_group()
    {
        var outcome = Locks.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-rp-locked");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("AzureBackupRG_westeurope_2", outcome.Message.English());
        Assert.Contains("'rp-keep' (CanNotDelete", outcome.Message.English());
        Assert.DoesNotContain("other-region-lock", outcome.Message.English());
    }

    [Fact]
    public void RestorePointGroup_fails_on_a_subscription_lock_even_before_the_group_exists()
    {
        var outcome = SubscriptionLock.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-sub-locked");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("inherited from the subscription", outcome.Message.English());
        Assert.Equal("Repair-AzRestorePointCollection", new RestorePointResourceGroupLockCheck().RepairCommand);
    }

    [Fact]
    public void RestorePointGroup_passes_an_unlocked_group()
    {
        var outcome = Healthy.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("AzureBackupRG_westeurope_1", outcome.Message.English());
    }

    [Fact]
    public void RestorePointGroup_skips_an_unprotected_vm_without_collections()
        => Assert.Equal(CheckStatus.Skipped, Healthy.Evaluate(new RestorePointResourceGroupLockCheck(), "vm-unprotected").Status);
}
