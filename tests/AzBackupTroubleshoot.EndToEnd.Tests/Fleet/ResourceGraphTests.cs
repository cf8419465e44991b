using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Throttling;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Resource Graph as the inventory source: same verdicts as the ARM collector, paging by $skipToken, the user quota,
/// refused queries as scope errors, and the request count it saves — judged by what the emulator answered.
/// </summary>
public sealed class ResourceGraphTests
{
    internal const string Production = "6d1e0f2a-3b4c-4d5e-8f60-7a8b9c0d1e2f";
    internal const string Development = "9e8d7c6b-5a49-4384-b726-15f0e1d2c3b4";
    private const string Finance = "4c3b2a19-0817-4f6e-9d5c-4b3a29180716"; // forbidden in the demo

    /// <summary>How many query shapes the engine sends (each is one request when its rows fit one page).</summary>
    internal static int QueryCount() => new ResourceGraphReader(null!, DateTimeOffset.UtcNow, new GraphQuota()).Queries().Count;

    private static ScanScope DemoScope() => new ScanScope().AddSubscription(Production).AddSubscription(Development).AddSubscription(Finance);

    private static Action<ScanOptions> Source(InventorySourceKind kind, DateTimeOffset now) => o =>
    {
        o.InventorySource = kind;
        o.Clock = () => now;
    };

    [Fact]
    public async Task The_demo_gives_the_same_results_through_Resource_Graph_as_through_ARM()
    {
        var now = DateTimeOffset.UtcNow;
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var arm = await azure.ScanAsync(DemoScope(), configure: Source(InventorySourceKind.Arm, now));
        var armRequests = azure.Emulator.Requests.Entries.Count;
        Assert.Empty(azure.Emulator.ResourceGraphCalls);

        var graph = await azure.ScanAsync(DemoScope(), configure: Source(InventorySourceKind.ResourceGraph, now));
        var graphLog = azure.Emulator.Requests.Entries.Skip(armRequests).ToList();

        // It really read through Resource Graph: the queries were answered, and ARM was not asked for the lists it replaces.
        Assert.NotEmpty(azure.Emulator.ResourceGraphCalls);
        Assert.All(azure.Emulator.ResourceGraphCalls, c => Assert.Equal(200, c.Status));
        Assert.DoesNotContain(graphLog, e => e.Path.EndsWith("/providers/Microsoft.Compute/disks", StringComparison.OrdinalIgnoreCase)
            || e.Path.EndsWith("/backupProtectedItems", StringComparison.OrdinalIgnoreCase)
            || e.Path.EndsWith("/backupJobs", StringComparison.OrdinalIgnoreCase)
            || e.Path.EndsWith("/providers/Microsoft.RecoveryServices/vaults", StringComparison.OrdinalIgnoreCase));

        static string Key(CheckResult r) => $"{r.VmId.ToLowerInvariant()}|{r.CheckId}";
        Assert.True(arm.Results.Count > 20, $"only {arm.Results.Count} results");
        Assert.Equal(arm.Results.Select(Key).OrderBy(k => k), graph.Results.Select(Key).OrderBy(k => k));
        var byKey = graph.Results.ToDictionary(Key);
        foreach (var expected in arm.Results)
        {
            var actual = byKey[Key(expected)];
            Assert.True(expected.Status == actual.Status, $"{Key(expected)}: {expected.Status} through ARM, {actual.Status} through Resource Graph ({actual.Message})");
            Assert.Equal(expected.Codes, actual.Codes);
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(expected.Evidence, actual.Evidence);
        }
        // The forbidden subscription is a scope error either way, with ARM's code, never a silent pass.
        static string ErrorKey(ScopeErrorEvent e) => $"{e.Scope.ToLowerInvariant()}|{e.ErrorId}|{e.Kind}";
        Assert.Equal(arm.Errors.Select(ErrorKey).OrderBy(k => k), graph.Errors.Select(ErrorKey).OrderBy(k => k));
        Assert.Contains(graph.Errors, e => e.Scope.Contains(Finance, StringComparison.OrdinalIgnoreCase) && e.Kind == AzBackupTroubleshoot.Errors.FailureKind.Authorization);
        Assert.DoesNotContain(graph.Results, r => r.SubscriptionId.Equals(Finance, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_resource_group_that_does_not_exist_is_reported_as_through_ARM()
    {
        var now = DateTimeOffset.UtcNow;
        await using var azure = await EmulatedAzure.StartDemoAsync();
        ScanScope Scope() => new ScanScope().AddResourceGroup(Production, "rg-no-such-group").AddResourceGroup(Development, "rg-dev-apps");
        var arm = await azure.ScanAsync(Scope(), configure: Source(InventorySourceKind.Arm, now));
        var graph = await azure.ScanAsync(Scope(), configure: Source(InventorySourceKind.ResourceGraph, now));

        var expected = Assert.Single(arm.Errors);
        var actual = Assert.Single(graph.Errors);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.NotFound, actual.Kind);
        Assert.Equal((expected.Scope, expected.ErrorId, expected.Message), (actual.Scope, actual.ErrorId, actual.Message));
        Assert.NotEmpty(graph.Results);
        Assert.Equal(arm.Results.Count, graph.Results.Count);
    }

    [Fact]
    public async Task Resource_Graph_pages_are_followed_by_skipToken_until_the_last()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 5);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = 25 });
        var scope = new ScanScope().AddSubscription(scenario.SubscriptionIds[0]).AddSubscription(scenario.SubscriptionIds[1]);

        var outcome = await azure.ScanAsync(scope, configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        Assert.Empty(outcome.Errors);
        Assert.Equal(60, outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var calls = azure.Emulator.ResourceGraphCalls;
        // Per query: the first page carries no token, every later one the previous answer's; all pages but the last are full.
        // The collections' later pages go side by side by $skip instead, each starting on the row the page before ended with.
        var byQuery = calls.GroupBy(c => c.Query).ToList();
        Assert.Equal(QueryCount(), byQuery.Count);
        Assert.Contains(byQuery, q => q.Count() >= 3);
        foreach (var pages in byQuery.Select(q => q.ToList()))
        {
            Assert.False(pages[0].HadSkipToken);
            Assert.Null(pages[0].Skip);
            if (pages[0].Query.Contains("restorepointcollections", StringComparison.Ordinal))
            {
                Assert.True(pages.Count >= 3);
                Assert.Equal(Enumerable.Range(1, pages.Count - 1).Select(k => (int?)(k * 24)), pages.Skip(1).Select(c => c.Skip).OrderBy(s => s));
                Assert.All(pages.Skip(1), c => Assert.False(c.HadSkipToken));
            }
            else
            {
                Assert.All(pages.Skip(1), c => Assert.True(c.HadSkipToken));
            }
            Assert.All(pages.OrderBy(c => c.Skip ?? 0).SkipLast(1), c => Assert.Equal(25, c.Rows));
            Assert.True(pages.OrderBy(c => c.Skip ?? 0).Last().Rows <= 25);
        }
        // Rows the $skip pages repeat (their first) are not counted twice.
        var resources = calls.Where(c => c.Table == "Resources").Select(c => c with { Rows = c.Skip != null ? c.Rows - 1 : c.Rows }).ToList();
        // What the pages held adds up to what the scenario has: 60 VMs' disks, NICs, collections, plus groups' networks and vaults.
        var expectedRows = new[] { "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks", "Microsoft.Compute/restorePointCollections",
                "Microsoft.Network/networkInterfaces", "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/virtualNetworks",
                "Microsoft.RecoveryServices/vaults", "Microsoft.KeyVault/vaults" }
            .Sum(t => scenario.Count(t));
        Assert.Equal(expectedRows, resources.Sum(c => c.Rows));
    }

    [Fact]
    public async Task A_throttled_query_is_retried_after_Retry_After_and_the_scan_completes()
    {
        var scenario = FleetScenario.Generate(20, seed: 6);
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "^/providers/Microsoft.ResourceGraph/resources$", Status = 429, RetryAfterSeconds = 1, Times = 2 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(scenario.SubscriptionIds[0]), configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        Assert.Empty(outcome.Errors);
        Assert.Equal(20, outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(2, azure.Emulator.ResourceGraphCalls.Count(c => c.Status == 429));
        Assert.Equal(QueryCount(), azure.Emulator.ResourceGraphCalls.Count(c => c.Status == 200)); // each query, one page each
    }

    [Fact]
    public async Task Queries_are_paced_by_the_user_quota_headers_before_the_quota_runs_out()
    {
        var scenario = FleetScenario.Generate(40, seed: 7);
        // A small quota (4 queries per second) and small pages: the scan needs about four windows' worth of queries.
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions
        {
            ResourceGraphPageSize = 10,
            ResourceGraphThrottling = new ResourceGraphLimits(4, TimeSpan.FromSeconds(1)),
        });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(scenario.SubscriptionIds[0]), configure: o => o.InventorySource = InventorySourceKind.ResourceGraph);

        Assert.Empty(outcome.Errors);
        Assert.Equal(40, outcome.Results.Select(r => r.VmId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var calls = azure.Emulator.ResourceGraphCalls;
        Assert.True(calls.Count > 12, $"only {calls.Count} queries");
        Assert.Equal(0, calls.Count(c => c.Status == 429));
    }

    [Fact]
    public async Task The_emulator_answers_an_unknown_query_shape_with_Resource_Graphs_invalid_query_error()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var json = azure.Connect().Json;
        var body = new { subscriptions = new[] { Production }, query = "Resources | summarize count() by type" };

        var failure = await Assert.ThrowsAsync<ArmRequestFailedException>(() => json.SendAsync("POST", "/providers/Microsoft.ResourceGraph/resources", ApiVersions.ResourceGraph, body));

        Assert.Equal(400, failure.Status);
        Assert.Equal("BadRequest", failure.ErrorCode);
        Assert.Contains("Query is invalid", failure.Message);
    }

    [Fact]
    public async Task A_refused_query_is_a_scope_error_for_each_subscription_and_no_VM_passes()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var source = new ResourceGraphInventorySource(azure.Connect(), new ScanOptions())
        {
            QueryOverride = new[] { "Resources | where type =~ 'microsoft.compute/virtualmachines' | summarize count()" },
        };
        var scanner = new ReadinessScanner(source, CheckCatalog.Select(null, null, null));
        var errors = new List<ScopeErrorEvent>();
        var results = new List<CheckResult>();
        await foreach (var evt in scanner.ScanAsync(new ScanScope().AddSubscription(Production).AddSubscription(Development)))
        {
            if (evt is ScopeErrorEvent e) errors.Add(e);
            if (evt is ResultEvent r) results.Add(r.Result);
        }

        Assert.Empty(results);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal("BadRequest", e.ErrorId);
            Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.InvalidInput, e.Kind);
            Assert.Contains("Resource Graph", e.Message);
        });
        Assert.Equal(400, Assert.Single(azure.Emulator.ResourceGraphCalls).Status);
    }

    [Fact]
    public async Task Through_Resource_Graph_a_fleet_of_many_subscriptions_costs_far_fewer_requests_than_through_ARM()
    {
        // 12 subscriptions x 5 VMs, restore points counted. Derived bound for Resource Graph (docs/performance.md):
        //   queries: one per query shape (one page each: every type has < 1,000 rows)
        //   ARM per subscription: 1 statusOnly VM list + 1 lock list + 1 policy assignment list (one page each: < 100
        //   items; no assignments, so no definitions) + 1 read per restore
        //   point collection of an in-scope VM (+ key vaults Resource Graph did not return: none).
        const int subscriptions = 12;
        var scenario = FleetScenario.Generate(60, subscriptions: subscriptions, seed: 8);
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var scope = new ScanScope();
        foreach (var s in scenario.SubscriptionIds) scope.AddSubscription(s);
        var now = DateTimeOffset.UtcNow;

        var arm = await azure.ScanAsync(scope, configure: Source(InventorySourceKind.Arm, now));
        var armCount = azure.Emulator.Requests.Entries.Count;
        var graph = await azure.ScanAsync(scope, configure: Source(InventorySourceKind.Auto, now)); // 12 > 5: auto picks Resource Graph
        var graphCount = azure.Emulator.Requests.Entries.Count - armCount;

        Assert.Empty(arm.Errors);
        Assert.Empty(graph.Errors);
        Assert.Equal(arm.Results.Count, graph.Results.Count);
        var collections = scenario.Count("Microsoft.Compute/restorePointCollections");
        var bound = QueryCount() + subscriptions * 3 + collections;
        Assert.Equal(QueryCount(), azure.Emulator.ResourceGraphCalls.Count);
        Assert.True(graphCount <= bound, $"{graphCount} requests through Resource Graph, bound {bound}");
        // Without the restore points (the same per collection for both), the lists alone: ARM's ~13 per subscription vs 3.
        Assert.True(graphCount - collections <= (armCount - collections) / 3,
            $"lists: {graphCount - collections} through Resource Graph, {armCount - collections} through ARM");
    }
}
