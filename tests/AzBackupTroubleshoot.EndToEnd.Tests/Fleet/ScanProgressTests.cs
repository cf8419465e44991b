using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>The counts a scan's progress carries, checked against what the emulator served.</summary>
public sealed class ScanProgressTests
{
    [Fact]
    public async Task Progress_counts_subscriptions_vms_and_restore_point_reads_to_the_end()
    {
        var scenario = FleetScenario.Generate(30, subscriptions: 2);
        await using var azure = await EmulatedAzure.StartAsync(scenario);

        var outcome = await azure.ScanAsync(EverySubscription(scenario));

        var first = outcome.Progress.First();
        Assert.Equal(2, first.SubscriptionsTotal);
        Assert.Equal(0, first.SubscriptionsRead);
        var last = outcome.Progress.Last();
        Assert.Equal(2, last.SubscriptionsRead);
        var vms = outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Equal(30, vms);
        Assert.Equal(vms, last.VmsFound);
        Assert.Equal(vms, last.VmsEvaluated);
        var restorePointReads = azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead);
        Assert.True(restorePointReads > 0);
        Assert.Equal(restorePointReads, last.RestorePointCollectionsTotal);
        Assert.Equal(restorePointReads, last.RestorePointCollectionsRead);
        Assert.Equal(100, last.PercentComplete);
        Assert.Null(last.ThrottlingWait);

        // Counts only grow.
        foreach (var (before, after) in outcome.Progress.Zip(outcome.Progress.Skip(1)))
        {
            Assert.True(after.SubscriptionsRead >= before.SubscriptionsRead);
            Assert.True(after.VmsEvaluated >= before.VmsEvaluated);
            Assert.True(after.RestorePointCollectionsRead >= before.RestorePointCollectionsRead);
            Assert.True(after.PercentComplete >= before.PercentComplete);
        }
    }

    [Fact]
    public async Task Progress_reports_each_Resource_Graph_page_while_the_queries_run()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 5);
        // Pages of 25 rows, 150 ms each: every query takes a few pages, so reports (every 250 ms) fall while they run.
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = 25 });
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "^/providers/Microsoft.ResourceGraph/resources$", Status = 0, Delay = TimeSpan.FromMilliseconds(150), Times = 1000 });

        var outcome = await azure.ScanAsync(EverySubscription(scenario), configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        Assert.Empty(outcome.Errors);
        var calls = azure.Emulator.ResourceGraphCalls;
        Assert.True(calls.Count > ResourceGraphTests.QueryCount(), $"only {calls.Count} queries: no query took more than one page");
        // Known from the start: one query per shape (one batch); each further page is counted when the page before names it.
        var first = outcome.Progress.First();
        Assert.Equal((ResourceGraphTests.QueryCount(), 0, 0), (first.ResourceGraphQueriesTotal, first.ResourceGraphQueriesDone, first.ResourceGraphRowsRead));
        var last = outcome.Progress.Last();
        // Rows counted once: a page asked for by $skip starts on the row the page before ended with (ResourceGraphPagingTests).
        var rows = calls.Sum(c => c.Skip != null ? c.Rows - 1 : c.Rows);
        Assert.Equal((calls.Count, calls.Count, rows), (last.ResourceGraphQueriesTotal, last.ResourceGraphQueriesDone, last.ResourceGraphRowsRead));
        Assert.Contains(outcome.Progress, p => p.ResourceGraphQueriesDone > 0 && p.ResourceGraphQueriesDone < p.ResourceGraphQueriesTotal && p.ResourceGraphRowsRead > 0);
        Assert.Contains($"{calls.Count} of {calls.Count} Resource Graph quer(ies) answered ({rows:N0} rows)", last.Status);
        foreach (var (before, after) in outcome.Progress.Zip(outcome.Progress.Skip(1)))
        {
            Assert.True(after.ResourceGraphQueriesDone >= before.ResourceGraphQueriesDone && after.ResourceGraphRowsRead >= before.ResourceGraphRowsRead);
            Assert.True(after.ResourceGraphQueriesDone <= after.ResourceGraphQueriesTotal);
            Assert.True(after.PercentComplete >= before.PercentComplete);
        }
        Assert.Equal(100, last.PercentComplete);
    }

    [Fact]
    public async Task A_scan_through_ARM_reports_no_Resource_Graph_queries()
    {
        var scenario = FleetScenario.Generate(10, subscriptions: 2);
        await using var azure = await EmulatedAzure.StartAsync(scenario);

        var outcome = await azure.ScanAsync(EverySubscription(scenario), configure: o => o.InventorySource = InventorySourceKind.Arm);

        Assert.NotEmpty(outcome.Progress);
        Assert.All(outcome.Progress, p => Assert.Equal(0, p.ResourceGraphQueriesTotal));
        Assert.DoesNotContain(outcome.Progress, p => p.Status.Contains("Resource Graph", StringComparison.Ordinal));
    }

    private static ScanScope EverySubscription(Scenario scenario)
    {
        var scope = new ScanScope();
        foreach (var sub in scenario.SubscriptionIds) scope.AddSubscription(sub);
        return scope;
    }
}
