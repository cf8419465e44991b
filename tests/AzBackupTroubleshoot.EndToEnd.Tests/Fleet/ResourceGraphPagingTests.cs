using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Endpoints;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// The restore point collection query's pages go side by side by $skip (the restore point reads of the last
/// subscriptions no longer wait for a chain of pages), each starting on the row the page before ended with; when rows
/// move between two answers the query is read again by $skipToken, and no collection is missed or read twice. Judged by
/// what the emulator answered and was asked.
/// </summary>
public sealed class ResourceGraphPagingTests
{
    private const string GraphPath = "^/providers/Microsoft.ResourceGraph/resources$";
    private const int PageSize = 25;

    private static bool IsCollectionQuery(ResourceGraphCall c) => c.Query.Contains("microsoft.compute/restorepointcollections", StringComparison.Ordinal);

    private static string Key(CheckResult r) => $"{r.VmId.ToLowerInvariant()}|{r.CheckId}|{r.Status}|{r.Message}";

    [Fact]
    public async Task Collection_pages_side_by_side_give_the_verdicts_ARM_gives_and_read_each_collection_once()
    {
        var scenario = FleetScenario.Generate(70, subscriptions: 2, seed: 11);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = PageSize });
        var scope = new ScanScope().AddSubscription(scenario.SubscriptionIds[0]).AddSubscription(scenario.SubscriptionIds[1]);
        var now = DateTimeOffset.UtcNow;

        var arm = await azure.ScanAsync(scope, configure: o => { o.InventorySource = InventorySourceKind.Arm; o.Clock = () => now; });
        azure.Emulator.Requests.Reset();
        var graph = await azure.ScanAsync(scope, configure: o => { o.InventorySource = InventorySourceKind.ResourceGraph; o.Clock = () => now; });

        Assert.Empty(graph.Errors);
        var pages = azure.Emulator.ResourceGraphCalls.Where(IsCollectionQuery).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} page(s): the fleet is too small to page");
        Assert.Single(pages, p => p.Skip == null);
        Assert.DoesNotContain(pages, p => p.HadSkipToken);
        Assert.Equal(arm.Results.Select(Key).OrderBy(k => k), graph.Results.Select(Key).OrderBy(k => k));
        var reads = azure.Emulator.Requests.Entries.Where(LoggedRequests.IsRestorePointRead).GroupBy(e => e.Path.ToLowerInvariant()).ToList();
        Assert.All(reads, g => Assert.Single(g));
        Assert.Equal(scenario.Count("Microsoft.Compute/restorePointCollections"), reads.Count);
    }

    [Fact]
    public async Task A_collection_created_between_two_pages_makes_the_query_read_again_without_missing_or_repeating_a_collection()
    {
        var scenario = FleetScenario.Generate(70, subscriptions: 1, seed: 12);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = PageSize });
        var scope = new ScanScope().AddSubscription(scenario.SubscriptionIds[0]);
        var original = azure.Emulator.Scenario.Resources("Microsoft.Compute/restorePointCollections");
        Assert.True(original.Count > 2 * PageSize, $"only {original.Count} collections");
        // The second page (by $skip) is held while a collection that sorts first is created: every row after it moves on by one.
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = @"""\$skip"":24\b", Status = 0, Delay = TimeSpan.FromSeconds(2), Times = 1 });

        var scan = azure.ScanAsync(scope, configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!azure.Emulator.ResourceGraphCalls.Any(c => IsCollectionQuery(c) && c.Skip == null) && DateTime.UtcNow < deadline) await Task.Delay(20);
        var moved = (JsonObject)original[0].DeepClone();
        moved["id"] = $"/subscriptions/{scenario.SubscriptionIds[0]}/resourceGroups/0-created-meanwhile/providers/Microsoft.Compute/restorePointCollections/first";
        moved["name"] = "first";
        azure.Emulator.Scenario.Add(moved);
        var outcome = await scan;

        Assert.Empty(outcome.Errors);
        // Each collection that existed when the scan began was read once; the one created meanwhile may or may not be.
        var reads = azure.Emulator.Requests.Entries.Where(LoggedRequests.IsRestorePointRead).GroupBy(e => e.Path.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in original.Select(c => ((string)c["id"]!).ToLowerInvariant())) Assert.True(reads.TryGetValue(id, out var n) && n == 1, $"{id}: read {reads.GetValueOrDefault(id)} time(s)");
        Assert.All(reads.Values, n => Assert.Equal(1, n));
        var pages = azure.Emulator.ResourceGraphCalls.Where(IsCollectionQuery).ToList();
        Assert.Contains(pages, p => p.Skip == 24);
        Assert.Contains(pages, p => p.HadSkipToken); // read again by the first page's token
    }

    [Fact]
    public async Task A_failed_page_side_by_side_makes_its_subscriptions_scope_errors_as_a_failed_chain_page_does()
    {
        var scenario = FleetScenario.Generate(70, subscriptions: 1, seed: 13);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = PageSize });
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = @"""\$skip"":48\b", Status = 400, Times = 10 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(scenario.SubscriptionIds[0]), configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("/subscriptions/" + scenario.SubscriptionIds[0], error.Scope, ignoreCase: true);
        // Only the checks on the VM alone, sent before the batch failed, may have come; nothing judged with the lists.
        Assert.DoesNotContain(outcome.Results, r => CheckCatalog.All.First(c => c.Id == r.CheckId).Step != ReadinessStep.VmAlone);
    }
}
