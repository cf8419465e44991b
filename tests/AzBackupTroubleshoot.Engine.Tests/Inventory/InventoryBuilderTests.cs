using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Inventory;

public class InventoryBuilderTests
{
    [Fact]
    public void A_subscription_lock_is_inherited_by_every_vm()
    {
        var vm = Scenario.Load("subscription-lock.json").Vm("vm-sub-locked");
        var lockInfo = Assert.Single(vm.Locks);
        Assert.True(lockInfo.IsOnSubscription);
        Assert.Equal("sub-keep", lockInfo.Name);
    }

    [Fact]
    public void Locks_on_other_groups_and_other_resources_are_not_the_vms()
    {
        var vm = Scenario.Load("locks.json").Vm("vm-rg-delete");
        Assert.DoesNotContain(vm.Locks, l => l.Name == "ro-lock");
        Assert.Contains(vm.Locks, l => l.Name == "keep");
    }

    [Fact]
    public void Restore_point_groups_come_from_collections_and_from_locked_groups_named_for_the_region()
    {
        var vm = Scenario.Load("locks.json").Vm("vm-free");
        var names = vm.RestorePointResourceGroups.Select(ArmIds.NameOf).ToList();
        Assert.Contains("AzureBackupRG_westeurope_1", names);   // holds the VM's collection
        Assert.Contains("AzureBackupRG_westeurope_2", names);   // same region, known from its lock
        Assert.DoesNotContain("AzureBackupRG_northeurope_1", names);
    }

    [Fact]
    public void A_policy_prefix_replaces_the_default_restore_point_group_name()
    {
        var scenario = Scenario.Load("locks.json", set =>
        {
            var policyId = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/backup-rg/providers/Microsoft.RecoveryServices/vaults/vault1/backupPolicies/DefaultPolicy";
            set.Add(Parse("{\"id\":\"" + policyId + "\",\"name\":\"DefaultPolicy\",\"type\":\"" + ResourceTypes.BackupPolicy + "\","
                + "\"properties\":{\"instantRPDetails\":{\"azureBackupRGNamePrefix\":\"CustomRP\"},\"schedulePolicy\":{\"scheduleRunTimes\":[\"2026-01-01T02:00:00Z\"]}}}"));
            set.Add(Parse("{\"id\":\"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/CustomRP_westeurope_1/providers/Microsoft.Authorization/locks/custom\","
                + "\"name\":\"custom\",\"type\":\"" + ResourceTypes.Lock + "\",\"properties\":{\"level\":\"CanNotDelete\"}}"));
        });
        var names = scenario.Vm("vm-rg-delete").RestorePointResourceGroups.Select(ArmIds.NameOf).ToList();
        Assert.Contains("CustomRP_westeurope_1", names);
        Assert.DoesNotContain("AzureBackupRG_westeurope_2", names);
    }

    [Fact]
    public void Jobs_are_matched_by_vm_name_and_container()
    {
        var vm = Scenario.Load("vault.json").Vm("vm-busy");
        var job = Assert.Single(vm.Jobs);
        Assert.Equal("11111111-0000-0000-0000-000000000002", job.Str("name"));
    }

    [Fact]
    public void Jobs_from_every_vault_are_kept()
        => Assert.Contains("/vaults/oldvault/", Assert.Single(Scenario.Load("vault.json").Vm("vm-slow").Jobs).Id());

    [Fact]
    public void A_protected_vm_that_no_longer_exists_gets_an_inventory_without_a_model()
    {
        var scenario = Scenario.Load("vault.json");
        var builder = new InventoryBuilder(scenario.Set);
        Assert.Equal(new[] { "vm-deleted", "vm-retired" }, builder.MissingProtectedVmIds().Select(ArmIds.NameOf).OrderBy(n => n));
        var missing = scenario.Vm("vm-deleted");
        Assert.False(missing.Exists);
        Assert.Equal("gone-rg", missing.ResourceGroup);
        Assert.Equal("vault1", Assert.Single(missing.Protection).VaultName);
        Assert.Single(missing.Jobs);
    }

    [Fact]
    public void Releasing_each_vms_own_resources_as_it_is_built_changes_no_inventory_and_no_missing_vm()
    {
        var whole = Scenario.Load("vault.json");
        var released = Scenario.Load("vault.json").Set;
        var builder = new InventoryBuilder(released);
        var vmIds = released.IdsOf(ResourceTypes.VirtualMachine);
        var built = new List<VmInventory>();
        foreach (var id in vmIds)
        {
            built.Add(builder.Build(released.Get(id)!.Value));
            builder.ReleaseOwn(id);
        }

        // The released VMs are not taken for deleted ones (the set no longer holds their models).
        Assert.Equal(new[] { "vm-deleted", "vm-retired" }, builder.MissingProtectedVmIds().Select(ArmIds.NameOf).OrderBy(n => n));
        var missing = builder.BuildMissing(builder.MissingProtectedVmIds().Single(id => ArmIds.NameOf(id) == "vm-deleted"));
        Assert.Equal("vault1", Assert.Single(missing.Protection).VaultName);
        foreach (var inventory in built)
        {
            var expected = whole.Vm(inventory.Name);
            Assert.Equal(expected.Protection.Select(p => p.ProtectedItem.GetRawText()), inventory.Protection.Select(p => p.ProtectedItem.GetRawText()));
            Assert.Equal(expected.RestorePointCollections.Select(c => c.GetRawText()), inventory.RestorePointCollections.Select(c => c.GetRawText()));
            Assert.Equal(expected.Jobs.Select(j => j.GetRawText()), inventory.Jobs.Select(j => j.GetRawText()));
            // What only this VM read has left the set.
            Assert.False(released.Contains(inventory.VmId));
            Assert.All(inventory.Protection, p => Assert.False(released.Contains(p.ProtectedItem.Id())));
        }
        Assert.Empty(released.IdsOf(ResourceTypes.VirtualMachine));
        Assert.Contains(built, i => i.Protection.Count > 0);
    }

    [Fact]
    public void Protection_records_carry_their_policy()
    {
        var record = Assert.Single(Scenario.Load("vault.json").Vm("vm-hourly").Protection);
        Assert.Equal("EnhancedHourly", record.Policy.Str("name"));
    }

    [Fact]
    public void Key_vaults_are_the_ones_the_encrypted_disks_name_and_were_collected()
    {
        var scenario = Scenario.Load("disks-and-encryption.json");
        Assert.Equal("kv-good", ArmIds.NameOf(Assert.Single(scenario.Vm("vm-ade-ok").KeyVaults).Id()));
        Assert.Empty(scenario.Vm("vm-ade-unreadable").KeyVaults);
        Assert.Empty(scenario.Vm("vm-bigdisk").KeyVaults);
    }

    [Fact]
    public void Disks_join_the_model_with_collected_managed_disks()
    {
        var disks = Scenario.Load("disks-and-encryption.json").Vm("vm-ade-ok").AllDisks;
        Assert.Equal(2, disks.Count);
        Assert.True(disks[0].IsOsDisk);
        Assert.All(disks, d => Assert.True(d.IsAdeEncrypted));
        Assert.True(disks[1].AdeKeys[0].UsesKek);
        Assert.Equal(1024, disks[1].SizeGb);
    }

    [Fact]
    public void Extensions_join_instance_view_and_model_by_name()
    {
        var ext = Assert.Single(Scenario.Load("extensions.json").Vm("vm-ext-deleting").Extensions);
        Assert.True(ext.IsBackupExtension);
        Assert.Equal("properties.instanceView.extensions[name=VMSnapshot]", ext.ViewPath);
        Assert.Equal("resources[name=VMSnapshot]", ext.ModelPath);
        Assert.Equal("Deleting", ext.ProvisioningState);
        Assert.Equal("1.0.75.0", ext.HandlerVersion);
    }

    [Fact]
    public void Extensions_read_the_same_whatever_order_the_model_lists_them_in()
    {
        // Resource Graph gives a VM's extensions in id order, ARM in its own: neither the list nor the paths may show it.
        static string Model(string name, string state) => $$"""
            { "name": "{{name}}", "type": "Microsoft.Compute/virtualMachines/extensions", "properties": { "publisher": "Contoso", "type": "{{name}}", "provisioningState": "{{state}}" } }
            """;
        static IEnumerable<string> Read(params string[] model)
        {
            var vm = JsonDocument.Parse($$"""
                { "properties": { "instanceView": { "extensions": [ { "name": "Zeta", "type": "Contoso.Zeta", "statuses": [ { "code": "ProvisioningState/failed/1", "level": "Error" } ] } ] } },
                  "resources": [ {{string.Join(",", model)}} ] }
                """).RootElement;
            return VmExtension.ReadAll(vm).Select(e => $"{e.Name}|{e.ViewPath}|{e.ModelPath}|{e.ProvisioningState}");
        }
        var armOrder = Read(Model("Zeta", "Failed"), Model("Beta", "Failed"), Model("Alpha", "Succeeded"));
        Assert.Equal(new[]
        {
            "Zeta|properties.instanceView.extensions[name=Zeta]|resources[name=Zeta]|Failed",
            "Alpha||resources[name=Alpha]|Succeeded",
            "Beta||resources[name=Beta]|Failed",
        }, armOrder);
        Assert.Equal(armOrder, Read(Model("Alpha", "Succeeded"), Model("Beta", "Failed"), Model("Zeta", "Failed")));
    }

    [Fact]
    public void Network_paths_hold_the_nic_its_subnet_and_both_nsgs()
    {
        var path = Assert.Single(Scenario.Load("network.json").Vm("vm-net-nic-deny").Network);
        Assert.Equal("nic-deny-nsg", ArmIds.NameOf(path.NicSecurityGroup!.Value.Id()));
        Assert.Equal("open", path.Subnet.Str("name"));
        Assert.Null(path.SubnetSecurityGroup);
    }

    [Fact]
    public void Unavailable_parts_reach_every_inventory()
    {
        var scenario = Scenario.Load("healthy.json", set => set.MarkUnavailable(InventoryParts.Network, "403"));
        Assert.All(scenario.Inventories, vm => Assert.True(vm.IsUnavailable(InventoryParts.Network, out var reason) && reason == "403"));
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
