using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>Results that need no restore points come as soon as the lists are in; restore-point results follow.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task Results_without_restore_points_come_before_the_restore_point_reads_are_done()
    {
        var scenario = FleetScenario.Generate(20, seed: 6);
        var sub = scenario.SubscriptionIds.Single();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        // One restore point read is held back for 3 s: every other result must be out before it is answered.
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/restorePointCollections/[^/]+$", Status = 200, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        var rpcTotal = scenario.Count("Microsoft.Compute/restorePointCollections");

        var events = new List<(ScanEvent Event, int RestorePointReadsAnswered)>();
        await foreach (var evt in new ReadinessScanner(azure.Connect()).ScanAsync(new ScanScope().AddSubscription(sub)))
            events.Add((evt, azure.Emulator.Requests.Entries.Count(e => e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase))));

        var results = events.Where(e => e.Event is ResultEvent).ToList();
        Assert.True(results[0].RestorePointReadsAnswered < rpcTotal,
            $"the first result came after all {rpcTotal} restore point reads were answered");
        Assert.Equal(20, results.Select(r => ((ResultEvent)r.Event).Result.VmId).Distinct().Count());
        // Each VM with a collection: its restore point count comes after its other results, and exactly once.
        var byVm = results.Select(r => ((ResultEvent)r.Event).Result).GroupBy(r => r.VmId).ToList();
        var limitId = new CollectionLimitCheck().Id;
        foreach (var vm in byVm)
        {
            var ids = vm.Select(r => r.CheckId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Contains(limitId, ids);
        }
        // The restore-point checks (CollectionLimit, CleanupStalled) come last for a streamed VM.
        var restorePointIds = new[] { limitId, new CleanupStalledCheck().Id };
        var streamed = byVm.Where(vm => restorePointIds.Contains(vm.Last().CheckId)).ToList();
        Assert.NotEmpty(streamed);
        var progress = events.Select(e => e.Event).OfType<ProgressEvent>().ToList();
        Assert.Contains(progress, p => p.VmsEvaluatedBeforeRestorePoints > 0 && p.RestorePointCollectionsRead < p.RestorePointCollectionsTotal);
        Assert.Equal(streamed.Count, progress.Last().VmsEvaluatedBeforeRestorePoints);
        Assert.Equal(20, progress.Last().VmsEvaluated);
    }
}
