using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// More subscriptions than one Resource Graph query may name (1,000): the scan is split in batches at the real limit,
/// each batch's queries are paged on their own, and a batch that fails costs only its own subscriptions.
/// </summary>
public sealed class ResourceGraphBatchTests
{
    private const int Subscriptions = ResourceGraphReader.SubscriptionsPerQuery + 3;

    [Fact]
    public async Task A_scan_of_1003_subscriptions_is_queried_in_two_batches_and_every_VM_is_scanned_once()
    {
        var scenario = FleetScenario.Generate(Subscriptions, subscriptions: Subscriptions, seed: 11); // one VM each
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var scope = new ScanScope();
        foreach (var s in scenario.SubscriptionIds) scope.AddSubscription(s);

        var outcome = await azure.ScanAsync(scope, configure: Graph);

        Assert.Empty(outcome.Errors);
        var vms = scenario.Resources("Microsoft.Compute/virtualMachines").Select(v => (string)v["id"]!).ToList();
        Assert.Equal(Subscriptions, vms.Count);
        Assert.Equal(vms.OrderBy(v => v, StringComparer.OrdinalIgnoreCase), outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(v => v, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        // Once each: no check ran twice on a VM (a subscription read in both batches, or a row kept twice, would).
        Assert.Equal(outcome.Results.Count, outcome.Results.Select(r => (r.VmId.ToLowerInvariant(), r.CheckId)).Distinct().Count());

        var calls = azure.Emulator.ResourceGraphCalls;
        Assert.All(calls, c => Assert.Equal(200, c.Status));
        // Two batches: the first 1,000 subscriptions, then the other 3 (the body names each batch's subscriptions).
        Assert.Equal(new[] { 3, ResourceGraphReader.SubscriptionsPerQuery }, calls.Select(c => c.Subscriptions).Distinct().OrderBy(n => n));
        var queryShapes = ResourceGraphTests.QueryCount();
        foreach (var batch in calls.GroupBy(c => c.Subscriptions))
        {
            // Per batch, each query once, then one more page per further 1,000 rows: max(1, ceil(rows / 1000)) (docs/performance.md).
            var byQuery = batch.GroupBy(c => c.Query).ToList();
            Assert.Equal(queryShapes, byQuery.Count);
            foreach (var pages in byQuery)
            {
                var rows = pages.Sum(p => p.Rows);
                Assert.Equal(Math.Max(1, (rows + ResourceGraphReader.PageSize - 1) / ResourceGraphReader.PageSize), pages.Count());
            }
            // The VM query's rows are the batch's VMs: 1,000 (exactly one full page, no $skipToken) and 3.
            var vmQuery = Assert.Single(byQuery, q => q.Key.Contains("'microsoft.compute/virtualmachines'", StringComparison.Ordinal));
            Assert.Equal(batch.Key, Assert.Single(vmQuery).Rows);
        }
        // The disks of 1,000 VMs (an OS disk each, data disks on some) need a second page in the first batch: paging within a batch is exercised.
        Assert.Contains(calls, c => c.HadSkipToken && c.Subscriptions == ResourceGraphReader.SubscriptionsPerQuery);
    }

    [Fact]
    public async Task A_failed_batch_makes_only_its_own_subscriptions_scope_errors()
    {
        var scenario = FleetScenario.Generate(Subscriptions, subscriptions: Subscriptions, seed: 12);
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var scope = new ScanScope();
        foreach (var s in scenario.SubscriptionIds) scope.AddSubscription(s);
        var second = scenario.SubscriptionIds.Skip(ResourceGraphReader.SubscriptionsPerQuery).ToList();
        // One query of the second batch fails (the body names its last subscription); no retry, so it stays failed.
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "^/providers/Microsoft.ResourceGraph/resources$", BodyPattern = second[^1], Status = 500 });

        var outcome = await azure.ScanAsync(scope, maxRetries: 0, configure: Graph);

        var failed = azure.Emulator.ResourceGraphCalls.Where(c => c.Status != 200).ToList();
        Assert.Equal(500, Assert.Single(failed).Status);
        // Exactly the second batch's 3 subscriptions are scope errors, each saying Resource Graph could not answer for it.
        Assert.Equal(second.Select(s => "/subscriptions/" + s).OrderBy(s => s), outcome.Errors.Select(e => e.Scope).OrderBy(s => s), StringComparer.OrdinalIgnoreCase);
        Assert.All(outcome.Errors, e => Assert.Contains("Could not query Azure Resource Graph", e.Message));
        // No VM of theirs is evaluated beyond the checks on the VM alone, which may have run before the query failed (as
        // when a later page of ARM's VM list fails); every VM of the first batch is evaluated, once.
        var scanned = outcome.Results.Where(r => CheckCatalog.Find(r.CheckId)!.Step != ReadinessStep.VmAlone)
            .Select(r => r.SubscriptionId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(ResourceGraphReader.SubscriptionsPerQuery, scanned.Count);
        Assert.Empty(scanned.Intersect(second, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(outcome.Results.Count, outcome.Results.Select(r => (r.VmId.ToLowerInvariant(), r.CheckId)).Distinct().Count());
    }

    /// <summary>Restore points skipped: their reads (one per collection) are the same through either source and not what is tested here.</summary>
    private static void Graph(ScanOptions o)
    {
        o.InventorySource = InventorySourceKind.ResourceGraph;
        o.CountRestorePoints = false;
    }
}
