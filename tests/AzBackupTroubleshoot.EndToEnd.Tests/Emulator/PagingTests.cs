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

    [Fact]
    public async Task The_scenario_page_size_applies_when_options_leave_it_alone()
    {
        var scenario = FleetScenario.Generate(12, seed: 3);
        scenario.Settings.PageSize = 4;
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var (all, pages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V);

        Assert.Equal(12, all.Count);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Lists_keep_instance_views_only_with_expand_or_statusOnly_and_never_restore_points()
    {
        var scenario = FleetScenario.Generate(3, seed: 2);
        var sub = scenario.SubscriptionIds.Single();
        await using var emulator = await ArmEmulator.StartAsync(scenario);
        using var client = new EmulatorClient(emulator);

        var (plain, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V);
        var (expanded, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V + "&$expand=instanceView");
        var (statusOnly, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines" + V + "&statusOnly=true");
        var (collections, _) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/restorePointCollections" + V);

        Assert.All(plain, vm => Assert.False(vm.GetProperty("properties").TryGetProperty("instanceView", out _)));
        Assert.All(expanded, vm => Assert.True(vm.GetProperty("properties").TryGetProperty("instanceView", out _)));
        Assert.All(statusOnly, vm => Assert.True(vm.GetProperty("properties").TryGetProperty("instanceView", out _)));
        Assert.NotEmpty(collections);
        Assert.All(collections, c => Assert.False(c.GetProperty("properties").TryGetProperty("restorePoints", out _)));
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
