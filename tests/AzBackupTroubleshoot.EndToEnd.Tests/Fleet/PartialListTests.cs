using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// A list goes into the subscription's lists only once the whole list is in: a list
/// that fails on a later page leaves none of its earlier pages in any inventory, and its part is marked unavailable.
/// </summary>
public sealed class PartialListTests
{
    [Fact]
    public async Task A_disk_list_failing_on_its_second_page_leaves_no_disk_of_its_first_page_in_any_inventory()
    {
        var scenario = FleetScenario.Generate(120, seed: 9);
        var sub = scenario.SubscriptionIds.Single();
        Assert.True(scenario.Resources("Microsoft.Compute/disks").Count() > 100, "one page of disks only");
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/providers/Microsoft.Compute/disks$", QueryPattern = @"\$skiptoken=", Status = 403, Times = 1 });

        var inventories = new List<VmInventory>();
        await foreach (var evt in new ArmInventoryCollector(azure.Connect()).CollectAsync(new ScanScope().AddSubscription(sub)))
            if (evt is InventoryEvent complete) inventories.Add(complete.Inventory);

        Assert.Equal(120, inventories.Count);
        Assert.All(inventories, i => Assert.Empty(i.Disks));
        Assert.All(inventories, i => Assert.True(i.Unavailable.ContainsKey(InventoryParts.Disks)));
        // The first page was served: the disks were left out, not never read.
        Assert.Contains(azure.Emulator.Requests.Entries, e => LoggedRequests.IsDiskList(e) && e.Status == 200);
        // The other lists are whole.
        Assert.All(inventories, i => Assert.NotEmpty(i.Network));
    }
}
