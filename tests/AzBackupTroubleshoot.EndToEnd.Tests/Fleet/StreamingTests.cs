using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Results come as the data they need comes: the checks that read only the VM as soon as its page of the VM list (and
/// its status) is in, the other checks without restore points when the subscription's lists are in, restore-point
/// results as each collection is read. Within a VM the order is always those three steps.
/// </summary>
public sealed class StreamingTests
{
    private static readonly string[] RestorePointChecks = { new CollectionLimitCheck().Id, new CleanupStalledCheck().Id };

    private static int StepOf(string checkId) => (int)CheckCatalog.Find(checkId)!.Step;

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
            events.Add((evt, azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead)));

        var results = events.Where(e => e.Event is ResultEvent).ToList();
        Assert.True(results[0].RestorePointReadsAnswered < rpcTotal,
            $"the first result came after all {rpcTotal} restore point reads were answered");
        Assert.Equal(20, results.Select(r => ((ResultEvent)r.Event).Result.VmId).Distinct().Count());
        // Each VM: every check exactly once, its restore point count among them, in the three steps' order.
        var byVm = results.Select(r => ((ResultEvent)r.Event).Result).GroupBy(r => r.VmId).ToList();
        foreach (var vm in byVm)
        {
            var ids = vm.Select(r => r.CheckId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Contains(RestorePointChecks[0], ids);
            var steps = ids.Select(StepOf).ToList();
            Assert.Equal(steps.OrderBy(s => s), steps);
        }
        var progress = events.Select(e => e.Event).OfType<ProgressEvent>().ToList();
        Assert.Contains(progress, p => p.VmsEvaluatedBeforeRestorePoints > 0 && p.RestorePointCollectionsRead < p.RestorePointCollectionsTotal);
        // One collection per protected VM here: a VM whose collection was read before the lists were in went out once,
        // complete; the held one waited for its collection.
        Assert.InRange(progress.Last().VmsEvaluatedBeforeRestorePoints, 1, rpcTotal);
        Assert.Equal(20, progress.Last().VmsWithVmChecksDone);
        Assert.Equal(20, progress.Last().VmsEvaluated);
    }

    [Fact]
    public async Task The_checks_that_read_only_the_VM_come_before_the_other_lists_are_in_and_give_the_same_results()
    {
        var scenario = FleetScenario.Generate(20, seed: 7);
        var sub = scenario.SubscriptionIds.Single();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var at = DateTimeOffset.UtcNow; // one clock for both scans, so job ages read the same
        var complete = (await azure.ScanAsync(new ScanScope().AddSubscription(sub), configure: o => o.Clock = () => at)).Results;
        int DiskLists() => azure.Emulator.Requests.Entries.Count(LoggedRequests.IsDiskList);
        var disksBefore = DiskLists();

        // The disk list is held back for 3 s: results that wait for the subscription's lists cannot come before it.
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/providers/Microsoft.Compute/disks$", Status = 200, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        var streamed = new List<(CheckResult Result, bool DisksAnswered)>();
        var scanner = new ReadinessScanner(azure.Connect()) { Options = new ScanOptions { Clock = () => at } };
        await foreach (var evt in scanner.ScanAsync(new ScanScope().AddSubscription(sub)))
            if (evt is ResultEvent r) streamed.Add((r.Result, DiskLists() > disksBefore)); // logged once answered

        var early = streamed.TakeWhile(s => !s.DisksAnswered).Select(s => s.Result).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, r => Assert.Equal(0, StepOf(r.CheckId)));
        Assert.Equal(20 * CheckCatalog.All.Count(c => c.Step == ReadinessStep.VmAlone), early.Count); // every VM's VM checks, before the disks
        // Streamed early or not, each VM gets the same results in the same order as in the scan without the delay.
        Assert.Equal(ResultLines.Of(complete), ResultLines.Of(streamed.Select(s => s.Result)));
    }

    [Fact]
    public async Task A_VM_waiting_for_its_restore_points_keeps_only_what_their_checks_read_and_they_judge_it_as_the_whole_inventory()
    {
        var scenario = FleetScenario.Generate(20, seed: 8);
        var sub = scenario.SubscriptionIds.Single();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var at = DateTimeOffset.UtcNow;
        var lastStep = CheckCatalog.All.Where(c => c.Step == ReadinessStep.WithRestorePoints).ToList();
        var sentBeforeRestorePoints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        async Task<List<Inventory.VmInventory>> CompleteInventories(ScanOptions options)
        {
            var found = new List<Inventory.VmInventory>();
            await foreach (var evt in new ArmInventoryCollector(azure.Connect(), options).CollectAsync(new ScanScope().AddSubscription(sub)))
            {
                if (evt is InventoryEvent i) found.Add(i.Inventory);
                if (evt is PartialInventoryEvent { OnlyTheVm: false } p) sentBeforeRestorePoints.Add(p.Inventory.VmId);
            }
            return found;
        }
        var whole = await CompleteInventories(new ScanOptions { Clock = () => at });
        sentBeforeRestorePoints.Clear();
        // Every restore point read is held 2 s, so that VMs wait for them (one read before the lists are in goes out complete).
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/restorePointCollections/[^/]+$", Status = 200, Delay = TimeSpan.FromSeconds(2), Times = 1000 });
        var slim = await CompleteInventories(new ScanOptions { Clock = () => at }.KeepingAfterRestorePoints(lastStep.SelectMany(c => c.Reads)));

        // The VMs that waited for a collection come without their model, disks and network, but still exist.
        var waited = slim.Where(i => sentBeforeRestorePoints.Contains(i.VmId)).ToList();
        Assert.NotEmpty(waited);
        Assert.All(waited, i => Assert.True(i.Exists && i.Vm == null && i.Disks.Count == 0 && i.Network.Count == 0));
        Assert.All(waited, i => Assert.Contains(i.RestorePointCollections, c => c.TryGetProperty("properties", out var p) && p.TryGetProperty("restorePoints", out _)));
        Assert.All(slim.Except(waited), i => Assert.NotNull(i.Vm)); // complete at once: sent whole
        var runner = new CheckRunner<Inventory.VmInventory>(lastStep, EvaluationContext.For(System.Globalization.CultureInfo.InvariantCulture, at, Array.Empty<string>()));
        Assert.Equal(ResultLines.Of(whole.SelectMany(runner.Run)), ResultLines.Of(slim.SelectMany(runner.Run)));
    }

    [Fact]
    public async Task A_collection_read_that_fails_before_the_lists_are_in_is_reported_and_its_VM_judged_as_when_it_fails_after()
    {
        var scenario = FleetScenario.Generate(20, seed: 10);
        var sub = scenario.SubscriptionIds.Single();
        var collection = scenario.Resources("Microsoft.Compute/restorePointCollections")[0]["id"]!.GetValue<string>();
        var vm = scenario.Resources("Microsoft.Compute/restorePointCollections")[0]["properties"]!["source"]!["id"]!.GetValue<string>();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var at = DateTimeOffset.UtcNow;
        var path = System.Text.RegularExpressions.Regex.Escape(collection) + "$";
        // Failing after the lists are in: refused after 3 s, past the other lists.
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = path, Status = 403, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        var late = await azure.ScanAsync(new ScanScope().AddSubscription(sub), configure: o => o.Clock = () => at);
        azure.Emulator.Requests.Reset();
        // Failing before: the disk list is held back 5 s, the refusal is at once.
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/providers/Microsoft.Compute/disks$", Status = 200, Delay = TimeSpan.FromSeconds(5), Times = 1 });
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = path, Status = 403, Times = 1 });

        var early = await azure.ScanAsync(new ScanScope().AddSubscription(sub), configure: o => o.Clock = () => at);

        var log = azure.Emulator.Requests.Entries.ToList();
        var failed = log.FindIndex(e => e.Status == 403);
        var disks = log.FindIndex(LoggedRequests.IsDiskList);
        Assert.True(failed >= 0 && failed < disks, $"the refused read is answer {failed}, the disk list {disks}");
        foreach (var outcome in new[] { late, early })
        {
            var error = Assert.Single(outcome.Errors);
            Assert.Equal(collection, error.Scope, StringComparer.OrdinalIgnoreCase);
            Assert.Contains("Could not read restore points", error.Message);
            Assert.Equal(CheckStatus.Skipped, outcome.Results.Single(r => string.Equals(r.VmId, vm, StringComparison.OrdinalIgnoreCase) && r.CheckId == RestorePointChecks[0]).Status);
        }
        Assert.Equal(ResultLines.Of(late.Results), ResultLines.Of(early.Results));
    }
}
