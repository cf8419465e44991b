using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Lists by type per subscription and group, paged with absolute nextLinks.</summary>
public sealed class PagingTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;

    [Fact]
    public async Task Lists_are_paged_with_nextLink_until_every_item_is_returned_once()
    {
        var scenario = FleetScenario.Generate(23, seed: 7);
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario, new EmulatorOptions { PageSize = 5 });
        using var client = new EmulatorClient(emulator);

        var first = await client.GetAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V);
        var (all, pages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V);

        var nextLink = first.Str("nextLink")!;
        Assert.StartsWith(emulator.Endpoint.AbsoluteUri, nextLink);
        Assert.Contains("api-version=2025-04-01", nextLink);
        Assert.Contains("$skiptoken=", nextLink);
        Assert.Equal(5, first.Body!.Value.GetProperty("value").GetArrayLength());
        Assert.Equal(5, pages);
        Assert.Equal(23, all.Select(v => v.GetProperty("id").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData(null, 3, 2)]  // ARM's own: 50 per VM list page, 100 for other lists
    [InlineData(60, 2, 2)]    // the scenario's pageSize, when the options leave it alone, wins for every list
    public async Task VM_lists_page_at_ARMs_50_unless_a_page_size_is_chosen(int? scenarioPageSize, int vmPages, int nicPages)
    {
        var scenario = FleetScenario.Generate(120, seed: 4);
        scenario.Settings.PageSize = scenarioPageSize;
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var (vms, vmListPages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V);
        var (statuses, statusPages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V + "&statusOnly=true");
        var (inGroup, groupPages) = await client.ListAllAsync($"/subscriptions/{sub}/resourceGroups/rg-fleet-000/providers/Microsoft.Compute/virtualMachines" + V);
        var (nics, nicListPages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Network/networkInterfaces" + V);

        Assert.Equal((120, vmPages), (vms.Count, vmListPages));
        Assert.Equal((120, vmPages), (statuses.Count, statusPages));
        Assert.Equal((50, 1), (inGroup.Count, groupPages));
        Assert.Equal((120, nicPages), (nics.Count, nicListPages));
    }

    [Fact]
    public async Task Lists_give_instance_views_only_with_statusOnly_and_never_restore_points()
    {
        var scenario = FleetScenario.Generate(3, seed: 2);
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);
        var list = $"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V;

        var (plain, _) = await client.ListAllAsync(list);
        var (statusOnly, _) = await client.ListAllAsync(list + "&statusOnly=true");
        var (collections, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/restorePointCollections" + V);

        Assert.All(plain, vm => Assert.False(vm.GetProperty("properties").TryGetProperty("instanceView", out _)));
        Assert.All(plain, vm => Assert.True(vm.GetProperty("properties").TryGetProperty("storageProfile", out _)));
        // statusOnly: the run-time status without the model
        Assert.All(statusOnly, vm => Assert.True(vm.GetProperty("properties").TryGetProperty("instanceView", out _)));
        Assert.All(statusOnly, vm => Assert.False(vm.GetProperty("properties").TryGetProperty("storageProfile", out _)));
        Assert.NotEmpty(collections);
        Assert.All(collections, c => Assert.False(c.GetProperty("properties").TryGetProperty("restorePoints", out _)));
    }

    [Theory]
    [InlineData("/subscriptions/{0}/providers/Microsoft.Compute/virtualMachines")]
    [InlineData("/subscriptions/{0}/resourceGroups/rg-fleet-000/providers/Microsoft.Compute/virtualMachines")]
    public async Task A_vm_list_with_expand_instanceView_and_no_filter_is_refused_as_ARM_refuses_it(string listPath)
    {
        var scenario = FleetScenario.Generate(3, seed: 2);
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var reply = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, listPath, sub) + V + "&$expand=instanceView");

        Assert.Equal(400, reply.Status);
        var error = reply.Body!.Value.GetProperty("error");
        Assert.Equal("BadRequest", error.GetProperty("code").GetString());
        Assert.Contains("Virtual Machine Scale Set resource filter", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_statusOnly_list_can_be_set_to_carry_the_statuses_alone()
    {
        var scenario = FleetScenario.Generate(3, seed: 2);
        scenario.Settings.StatusOnlyStatusesOnly = true;
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var (statusOnly, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V + "&statusOnly=true");

        Assert.All(statusOnly, vm =>
        {
            var view = vm.GetProperty("properties").GetProperty("instanceView");
            Assert.True(view.TryGetProperty("statuses", out _));
            Assert.False(view.TryGetProperty("vmAgent", out _));
        });
    }

    [Fact]
    public async Task A_group_list_holds_only_that_groups_resources()
    {
        var scenario = FleetScenario.Generate(120, seed: 4); // groups of 50: rg-fleet-000, -001, -002
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var (inGroup, _) = await client.ListAllAsync($"/subscriptions/{sub}/resourceGroups/rg-fleet-002/providers/Microsoft.Compute/virtualMachines" + V);
        var (nics, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Network/networkInterfaces" + V);

        Assert.Equal(20, inGroup.Count);
        Assert.All(inGroup, vm => Assert.Contains("/resourceGroups/rg-fleet-002/", vm.GetProperty("id").GetString()));
        Assert.Equal(120, nics.Count);
    }
}
