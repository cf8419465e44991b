using System.Diagnostics;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Through Resource Graph a scan does not wait for every query: the checks on the VM alone run once the VM and
/// extension queries and the statusOnly list are in, and the restore point reads start with the collection query's
/// pages (all queries are sent at once; the quota's order when it is short is GraphQuotaTests'). One later query (the disks) is held back or refused by the emulator; what ARM was asked meanwhile is the proof.
/// </summary>
public sealed class ResourceGraphPipelineTests
{
    private const string GraphPath = "^/providers/Microsoft.ResourceGraph/resources$";
    private const string DiskQuery = @"microsoft\.compute/disks"; // in the body of the disk query only

    private static ScanScope DemoScope() => new ScanScope().AddSubscription(ResourceGraphTests.Production).AddSubscription(ResourceGraphTests.Development);

    private static int DiskQueriesAnswered(EmulatedAzure azure) => azure.Emulator.ResourceGraphCalls.Count(c => c.Query.Contains("microsoft.compute/disks", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Results_on_the_VM_alone_and_every_restore_point_read_come_while_a_later_query_is_still_held()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        // An unhindered scan first: how many collections it re-reads.
        await azure.ScanAsync(DemoScope(), configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);
        var reads = azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead);
        Assert.True(reads > 0, "the demo has no restore point collection to read");
        var disksBefore = DiskQueriesAnswered(azure);
        azure.Emulator.Requests.Reset();
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = DiskQuery, Status = 0, Delay = TimeSpan.FromSeconds(10), Times = 10 });

        var scanner = new ReadinessScanner(azure.Connect());
        scanner.Options.InventorySource = InventorySourceKind.ResourceGraph;
        CheckResult? first = null;
        var results = 0;
        await foreach (var evt in scanner.ScanAsync(DemoScope()))
        {
            if (evt is not ResultEvent r) continue;
            results++;
            if (first != null) continue;
            first = r.Result;
            Assert.Equal(disksBefore, DiskQueriesAnswered(azure)); // the held query is not answered yet
            // Nor do the restore point reads wait for it: every one of them is answered while it is still held.
            var waited = Stopwatch.StartNew();
            while (azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead) < reads && waited.Elapsed < TimeSpan.FromSeconds(7)) await Task.Delay(50);
            Assert.Equal(reads, azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead));
            Assert.Equal(disksBefore, DiskQueriesAnswered(azure));
        }

        Assert.NotNull(first);
        Assert.Equal(ReadinessStep.VmAlone, CheckCatalog.Find(first!.CheckId)!.Step);
        Assert.Equal(disksBefore + 1, DiskQueriesAnswered(azure));
        Assert.True(results > 20, $"only {results} results");
        Assert.Equal(reads, azure.Emulator.Requests.Entries.Count(LoggedRequests.IsRestorePointRead)); // each collection read once
    }

    [Fact]
    public async Task A_later_query_that_fails_leaves_only_the_results_on_the_VM_alone_and_a_scope_error_per_subscription()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        // It fails late (after 3 s), once the VMs' queries are in: what the VM alone could tell is out by then.
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = DiskQuery, Status = 500, Delay = TimeSpan.FromSeconds(3), Times = 10 });

        var outcome = await azure.ScanAsync(DemoScope(), maxRetries: 0, configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        // As when a later page of ARM's VM list fails (PartialReadTests): what was judged on the VM alone stays, nothing else is judged.
        Assert.NotEmpty(outcome.Results);
        Assert.All(outcome.Results, r => Assert.Equal(ReadinessStep.VmAlone, CheckCatalog.Find(r.CheckId)!.Step));
        Assert.Equal(new[] { ResourceGraphTests.Development, ResourceGraphTests.Production }.Select(s => "/subscriptions/" + s).OrderBy(s => s),
            outcome.Errors.Select(e => e.Scope).OrderBy(s => s), StringComparer.OrdinalIgnoreCase);
        Assert.All(outcome.Errors, e => Assert.Contains("Could not query Azure Resource Graph", e.Message));
        Assert.Equal(500, Assert.Single(azure.Emulator.ResourceGraphCalls, c => c.Status != 200).Status);
    }
}
