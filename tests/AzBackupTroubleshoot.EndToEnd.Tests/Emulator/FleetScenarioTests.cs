using System.Diagnostics;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Generated benchmark fleets: sizes, proportions, determinism, and serving 10,000 VMs.</summary>
public sealed class FleetScenarioTests
{
    private const string VmType = "Microsoft.Compute/virtualMachines";
    private const string ItemType = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems";
    private const string RpcType = "Microsoft.Compute/restorePointCollections";

    [Fact]
    public void A_fleet_has_the_requested_VMs_split_over_subscriptions_with_realistic_proportions()
    {
        var fleet = FleetScenario.Generate(1000, subscriptions: 3, seed: 11);

        Assert.Equal(3, fleet.SubscriptionIds.Count);
        Assert.Equal(1000, fleet.Count(VmType));
        Assert.Equal(1000, fleet.Count("Microsoft.Network/networkInterfaces"));
        var perSubscription = fleet.Resources(VmType).GroupBy(v => ((string)v["id"]!).Split('/')[2]).Select(g => g.Count()).Order();
        Assert.Equal(new[] { 333, 333, 334 }, perSubscription);

        var items = fleet.Count(ItemType);
        Assert.InRange(items, 850, 950); // about 9 in 10 protected
        Assert.Equal(items, fleet.Count(RpcType));
        Assert.Equal(items, fleet.Count("Microsoft.RecoveryServices/vaults/backupJobs"));
        Assert.InRange(fleet.Count("Microsoft.RecoveryServices/vaults"), 6, 12); // 1 per 200 protected VMs of a region, per subscription
        Assert.All(fleet.Resources(RpcType), c => Assert.InRange(((JsonArray)c["properties"]!["restorePoints"]!).Count, 2, 5));
        Assert.InRange(fleet.Count("Microsoft.Compute/disks"), 1200, 1400); // an OS disk each, a data disk on about 3 in 10
        Assert.Equal(3, fleet.Count("Microsoft.KeyVault/vaults"));
        Assert.Equal(fleet.ResourceGroupIds.Count(g => g.Contains("/rg-fleet-0")), fleet.Count("Microsoft.Network/virtualNetworks"));
    }

    [Fact]
    public void A_fleet_is_mostly_healthy_but_not_entirely()
    {
        var fleet = FleetScenario.Generate(2000, seed: 5);
        var vms = fleet.Resources(VmType);

        var notReady = vms.Count(v => (string?)v["properties"]!["instanceView"]!["vmAgent"]!["statuses"]![0]!["displayStatus"] == "Not Ready");
        var running = vms.Count(v => (string?)v["properties"]!["instanceView"]!["statuses"]![1]!["code"] == "PowerState/running");
        var unhealthyItems = fleet.Resources(ItemType).Count(i => (string?)i["properties"]!["healthStatus"] != "Passed");

        Assert.InRange(notReady, 10, 80);
        Assert.InRange(running, 1800, 1900);
        Assert.InRange(unhealthyItems, 10, 100);
        Assert.True(fleet.Count("Microsoft.Authorization/locks") >= 1);
    }

    [Fact]
    public void The_same_seed_gives_the_same_fleet_and_another_seed_a_different_one()
    {
        static string[] Names(Scenario s) => s.Resources(ItemType).Select(i => (string)i["name"]!).ToArray();

        Assert.Equal(Names(FleetScenario.Generate(300, seed: 9)), Names(FleetScenario.Generate(300, seed: 9)));
        Assert.NotEqual(Names(FleetScenario.Generate(300, seed: 9)), Names(FleetScenario.Generate(300, seed: 10)));
    }

    [Fact]
    public async Task Ten_thousand_VMs_are_generated_and_listed_over_HTTPS_quickly()
    {
        var watch = Stopwatch.StartNew();
        var fleet = FleetScenario.Generate(10_000, subscriptions: 2);
        var generated = watch.Elapsed;
        await using var emulator = await ArmEmulator.StartAsync(fleet, new EmulatorOptions { PageSize = 1000 });
        using var client = new EmulatorClient(emulator);

        watch.Restart();
        var total = 0;
        foreach (var sub in fleet.SubscriptionIds)
        {
            var (vms, pages) = await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines?{EmulatorClient.ApiVersion}&statusOnly=true");
            Assert.Equal(5, pages);
            total += vms.Count;
        }
        var listed = watch.Elapsed;

        Assert.Equal(10_000, total);
        Assert.True(generated < TimeSpan.FromSeconds(20), $"generating took {generated}");
        Assert.True(listed < TimeSpan.FromSeconds(30), $"listing took {listed}");
    }
}
