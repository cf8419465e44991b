using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Throttling;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Per-subscription lanes and pacing, judged by what the emulator saw (its answers' order and times), not by how long
/// the test took.
/// </summary>
public sealed class LaneTests
{
    [Fact]
    public async Task A_subscription_waiting_out_429s_does_not_hold_up_another()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 3);
        var (a, b) = (scenario.SubscriptionIds[0], scenario.SubscriptionIds[1]);
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        // Every restore point read of subscription A is throttled once for 3 s; B is never throttled.
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = $"^/subscriptions/{a}/.*/restorePointCollections/[^/]+$", Status = 429, RetryAfterSeconds = 3, Times = 20 });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(a).AddSubscription(b));

        Assert.Empty(outcome.Errors);
        Assert.Equal(60, outcome.Results.Select(r => r.VmId).Distinct().Count());
        var log = azure.Emulator.Requests.Entries;
        var ofA = log.Where(e => e.Path.StartsWith($"/subscriptions/{a}/", StringComparison.OrdinalIgnoreCase)).ToList();
        var ofB = log.Where(e => e.Path.StartsWith($"/subscriptions/{b}/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(20, ofA.Count(e => e.Status == 429));
        Assert.All(ofB, e => Assert.Equal(200, e.Status));
        Assert.Contains(ofB, e => e.Query.Contains("restorePoints", StringComparison.OrdinalIgnoreCase));
        // All of B was answered before A's first throttled read could be retried.
        var firstThrottle = ofA.First(e => e.Status == 429).At;
        Assert.True(ofB.Max(e => e.At) < firstThrottle + TimeSpan.FromSeconds(3),
            $"B's last answer at {ofB.Max(e => e.At)}, A's first 429 at {firstThrottle}");
        // While A waited, the progress said so.
        Assert.Contains(outcome.Progress, p => p.ThrottledSubscription == a && p.ThrottlingWait > TimeSpan.Zero);
    }

    [Fact]
    public async Task Reads_are_paced_by_the_remaining_reads_header_before_the_bucket_empties()
    {
        var scenario = FleetScenario.Generate(30, seed: 4);
        var sub = scenario.SubscriptionIds.Single();
        // A small bucket refilled at ARM's rate: the scan needs about four times what the bucket holds.
        var limits = new ThrottlingLimits(new BucketLimit(10, 25), ThrottlingLimits.Arm.Writes, ThrottlingLimits.Arm.Deletes);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { Throttling = limits });

        var outcome = await azure.ScanAsync(new ScanScope().AddSubscription(sub));

        Assert.Empty(outcome.Errors);
        Assert.Equal(30, outcome.Results.Select(r => r.VmId).Distinct().Count());
        var log = azure.Emulator.Requests.Entries;
        Assert.True(log.Count > 30, $"only {log.Count} requests");
        Assert.Equal(0, log.Count(e => e.Status == 429));
        Assert.Contains(outcome.Progress, p => p.ThrottledSubscription == sub && p.ThrottlingWait > TimeSpan.Zero);
        // Paced at the bucket's rate: after the first ten, no more than 25 per second plus a token or two.
        var span = (log[^1].At - log[0].At).TotalSeconds;
        Assert.True(log.Count - 10 <= 25 * span + 2, $"{log.Count} requests in {span:F2} s");
    }
}
