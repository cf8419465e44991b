using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Endpoints;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Through Resource Graph each subscription is built once every query of the batch has passed its rows (they come in
/// id order, subscription by subscription), not when the batch's last query is in: the first subscription's full
/// verdicts come while a later subscription's rows are still held, and are those ARM gives. A row that comes after its
/// subscription was built (the service broke the order) is a scope error, never passed over.
/// </summary>
public sealed class ResourceGraphBySubscriptionTests
{
    private const string GraphPath = "^/providers/Microsoft.ResourceGraph/resources$";

    private static string Key(CheckResult r) => $"{r.VmId.ToLowerInvariant()}|{r.CheckId}|{r.Status}|{r.Message}";

    private static bool IsDiskQuery(ResourceGraphCall c) => c.Query.Contains("microsoft.compute/disks", StringComparison.Ordinal);

    [Fact]
    public async Task The_first_subscription_is_judged_in_full_while_a_later_subscriptions_rows_are_still_held()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 21);
        // Rows come in id order: the subscription that sorts first is passed first.
        var subscriptions = scenario.SubscriptionIds.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList();
        var (first, later) = (subscriptions[0], subscriptions[1]);
        var firstDisks = scenario.Resources("Microsoft.Compute/disks").Count(d => ((string)d["id"]!).StartsWith($"/subscriptions/{first}/", StringComparison.OrdinalIgnoreCase));
        // Pages one row longer than the first subscription's disks: the disk query's first page passes it, its later pages hold only the other's rows.
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = firstDisks + 1 });
        var scope = new ScanScope().AddSubscription(first).AddSubscription(later);
        var now = DateTimeOffset.UtcNow;
        var arm = await azure.ScanAsync(scope, configure: o => { o.InventorySource = InventorySourceKind.Arm; o.Clock = () => now; });
        azure.Emulator.Requests.Reset();
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = @"microsoft\.compute/disks[\s\S]*\$skipToken", Status = 0, Delay = TimeSpan.FromSeconds(6), Times = 100 });

        var scanner = new ReadinessScanner(azure.Connect());
        scanner.Options.InventorySource = InventorySourceKind.ResourceGraph;
        scanner.Options.Clock = () => now;
        var results = new List<CheckResult>();
        var errors = new List<ScopeErrorEvent>();
        var judgedWhileHeld = 0;
        var callsBefore = azure.Emulator.ResourceGraphCalls.Count(IsDiskQuery);
        await foreach (var evt in scanner.ScanAsync(scope))
        {
            if (evt is ScopeErrorEvent e) errors.Add(e);
            if (evt is not ResultEvent r) continue;
            results.Add(r.Result);
            var onLists = CheckCatalog.Find(r.Result.CheckId)!.Step != ReadinessStep.VmAlone;
            // Still held: only the disk query's first page is answered.
            if (onLists && azure.Emulator.ResourceGraphCalls.Count(IsDiskQuery) - callsBefore == 1)
            {
                Assert.StartsWith($"/subscriptions/{first}/", r.Result.VmId, StringComparison.OrdinalIgnoreCase);
                judgedWhileHeld++;
            }
        }

        Assert.True(azure.Emulator.ResourceGraphCalls.Count(IsDiskQuery) - callsBefore >= 2, "the disk query did not page: the test proves nothing");
        Assert.True(judgedWhileHeld > 0, "no verdict on the lists came before the later subscription's disks were in");
        Assert.Empty(errors);
        Assert.Equal(arm.Results.Select(Key).OrderBy(k => k), results.Select(Key).OrderBy(k => k));
    }

    [Fact]
    public async Task A_query_that_fails_after_passing_a_subscription_leaves_its_verdicts_and_fails_only_the_later_one()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 23);
        var subscriptions = scenario.SubscriptionIds.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList();
        var (first, later) = (subscriptions[0], subscriptions[1]);
        var firstDisks = scenario.Resources("Microsoft.Compute/disks").Count(d => ((string)d["id"]!).StartsWith($"/subscriptions/{first}/", StringComparison.OrdinalIgnoreCase));
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = firstDisks + 1 });
        var now = DateTimeOffset.UtcNow;
        var arm = await azure.ScanAsync(new ScanScope().AddSubscription(first), configure: o => { o.InventorySource = InventorySourceKind.Arm; o.Clock = () => now; });
        // The disk query's second page (only the later subscription's disks) is refused.
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = @"microsoft\.compute/disks[\s\S]*\$skipToken", Status = 500, Times = 100 });

        var graph = await azure.ScanAsync(new ScanScope().AddSubscription(first).AddSubscription(later), maxRetries: 0,
            configure: o => { o.InventorySource = InventorySourceKind.ResourceGraph; o.Clock = () => now; });

        var error = Assert.Single(graph.Errors);
        Assert.Equal($"/subscriptions/{later}", error.Scope, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Could not query Azure Resource Graph", error.Message);
        // The first subscription's rows were all in before the failure: judged in full, as ARM judges it.
        var prefix = $"/subscriptions/{first}/";
        Assert.Equal(arm.Results.Select(Key).OrderBy(k => k), graph.Results.Where(r => r.VmId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(Key).OrderBy(k => k));
        // The later one has only what the VM alone tells.
        Assert.All(graph.Results.Where(r => !r.VmId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)),
            r => Assert.Equal(ReadinessStep.VmAlone, CheckCatalog.Find(r.CheckId)!.Step));
    }

    [Fact]
    public async Task A_row_that_comes_after_its_subscription_was_built_is_a_scope_error_for_that_subscription()
    {
        var scenario = FleetScenario.Generate(30, subscriptions: 2, seed: 22);
        // Paged small, and ordered by name: the two subscriptions' disks (named alike) alternate, against the id order the reader relies on.
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = 5 });
        var source = new ResourceGraphInventorySource(azure.Connect(), new ScanOptions())
        {
            QueryOverride = new[] { "Resources | where type =~ 'microsoft.compute/disks' | project id, name, type, location, properties | order by name asc" },
        };
        var scanner = new ReadinessScanner(source, CheckCatalog.Select(null, null, null));
        var errors = new List<ScopeErrorEvent>();
        var scope = new ScanScope();
        foreach (var s in scenario.SubscriptionIds) scope.AddSubscription(s);
        await foreach (var evt in scanner.ScanAsync(scope))
            if (evt is ScopeErrorEvent e) errors.Add(e);

        var outOfOrder = errors.Where(e => e.ErrorId == AzBackupTroubleshoot.Errors.FailureCodes.GraphRowsOutOfOrder).ToList();
        Assert.NotEmpty(outOfOrder);
        Assert.All(outOfOrder, e =>
        {
            Assert.Contains(e.Scope, scenario.SubscriptionIds.Select(s => "/subscriptions/" + s), StringComparer.OrdinalIgnoreCase);
            Assert.Contains("out of the order", e.Message);
            Assert.Contains("/providers/Microsoft.Compute/disks/", e.Message, StringComparison.OrdinalIgnoreCase);
        });
    }
}
