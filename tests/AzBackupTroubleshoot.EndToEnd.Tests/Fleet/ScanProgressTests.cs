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
        var scope = new ScanScope();
        foreach (var sub in scenario.SubscriptionIds) scope.AddSubscription(sub);

        var outcome = await azure.ScanAsync(scope);

        var first = outcome.Progress.First();
        Assert.Equal(2, first.SubscriptionsTotal);
        Assert.Equal(0, first.SubscriptionsRead);
        var last = outcome.Progress.Last();
        Assert.Equal(2, last.SubscriptionsRead);
        var vms = outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Equal(30, vms);
        Assert.Equal(vms, last.VmsFound);
        Assert.Equal(vms, last.VmsEvaluated);
        var restorePointReads = azure.Emulator.Requests.Entries.Count(e => e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase));
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
}
