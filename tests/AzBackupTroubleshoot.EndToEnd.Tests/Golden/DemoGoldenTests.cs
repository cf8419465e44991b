using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Golden;

/// <summary>
/// The demo scan's results, byte for byte, against the committed Golden/demo-scan.json: a refactoring of collection,
/// checks or rendering that changes any verdict, text, code or evidence shows up here. A deliberate change regenerates
/// the file (AZBT_UPDATE_GOLDEN=1) in the same commit.
/// </summary>
public sealed class DemoGoldenTests
{
    [Fact]
    public async Task The_demo_scan_gives_the_golden_results()
    {
        await using var azure = await DemoGolden.StartDemoAsync();
        var connection = azure.Connect();
        var scope = new ScanScope();
        foreach (var sub in await SubscriptionDiscovery.ListAsync(connection)) scope.AddSubscription(sub);
        var scanner = new ReadinessScanner(connection) { Options = DemoGolden.Options() };
        var outcome = new ScanOutcome();
        await foreach (var evt in scanner.ScanAsync(scope))
        {
            if (evt is ResultEvent r) outcome.Results.Add(r.Result);
            if (evt is ScopeErrorEvent e) outcome.Errors.Add(e);
        }

        Assert.Empty(outcome.Errors);
        Assert.NotEmpty(outcome.Results);
        GoldenFile.AssertMatches(DemoGolden.Path, DemoGolden.Serialize(outcome.Results));
    }
}
