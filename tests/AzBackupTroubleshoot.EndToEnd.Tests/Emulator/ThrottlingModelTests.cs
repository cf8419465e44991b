using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Emulator.Throttling;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>The emulator's model of ARM throttling: token buckets per subscription, principal and operation type.</summary>
public sealed class ThrottlingModelTests
{
    private const string SubA = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string SubB = "bbbbbbbb-0000-4000-8000-000000000002";

    [Fact]
    public void Reads_take_ARMs_bucket_of_250_and_come_back_at_25_per_second()
    {
        var now = TimeSpan.Zero;
        var model = new ArmThrottling(ThrottlingLimits.Arm, () => now);

        for (var i = 249; i >= 0; i--)
        {
            var ok = model.Take("GET", SubA, "Bearer t");
            Assert.True(ok.Allowed);
            Assert.Equal(i, ok.Remaining);
            Assert.Equal("x-ms-ratelimit-remaining-subscription-reads", ok.HeaderName);
        }
        var refused = model.Take("GET", SubA, "Bearer t");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(40), refused.RetryAfter); // one token per 1/25 s

        now = TimeSpan.FromSeconds(1);
        var allowedAfterASecond = Enumerable.Range(0, 30).Count(_ => model.Take("GET", SubA, "Bearer t").Allowed);
        Assert.Equal(25, allowedAfterASecond);
    }

    [Fact]
    public void Subscriptions_principals_and_operation_types_have_buckets_of_their_own()
    {
        var now = TimeSpan.Zero;
        var model = new ArmThrottling(new ThrottlingLimits(new BucketLimit(2, 1), new BucketLimit(3, 1), new BucketLimit(1, 1)), () => now);
        model.Take("GET", SubA, "Bearer t");
        model.Take("GET", SubA, "Bearer t");
        Assert.False(model.Take("GET", SubA, "Bearer t").Allowed);

        Assert.True(model.Take("GET", SubB, "Bearer t").Allowed);
        Assert.True(model.Take("GET", SubA, "Bearer another-principal").Allowed);
        var write = model.Take("PUT", SubA, "Bearer t");
        Assert.Equal(("x-ms-ratelimit-remaining-subscription-writes", 2), (write.HeaderName, write.Remaining));
        var delete = model.Take("DELETE", SubA, "Bearer t");
        Assert.Equal(("x-ms-ratelimit-remaining-subscription-deletes", 0), (delete.HeaderName, delete.Remaining));
        Assert.False(model.Take("DELETE", SubA, "Bearer t").Allowed);
        Assert.Equal("x-ms-ratelimit-remaining-tenant-reads", model.Take("GET", null, "Bearer t").HeaderName);
    }

    [Fact]
    public async Task Over_HTTP_an_empty_bucket_answers_429_with_Retry_After_and_the_other_subscription_is_served()
    {
        var scenario = FleetScenario.Generate(2, subscriptions: 2);
        var limits = new ThrottlingLimits(new BucketLimit(3, 0.5), ThrottlingLimits.Arm.Writes, ThrottlingLimits.Arm.Deletes);
        await using var emulator = await ArmEmulator.StartAsync(scenario, new EmulatorOptions { Throttling = limits });
        using var client = new EmulatorClient(emulator);
        var (a, b) = (scenario.SubscriptionIds[0], scenario.SubscriptionIds[1]);
        string Vms(string sub) => $"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines?{EmulatorClient.ApiVersion}";

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var ok = await client.GetAsync(Vms(a));
            Assert.Equal(200, ok.Status);
            remaining.Add(ok.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
        }
        var throttled = await client.GetAsync(Vms(a));
        var other = await client.GetAsync(Vms(b));

        Assert.Equal(new[] { "2", "1", "0" }, remaining);
        Assert.Equal(429, throttled.Status);
        Assert.Equal("TooManyRequests", throttled.Body!.Value.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("2", throttled.Headers["Retry-After"]); // a token every 2 s, rounded up to whole seconds
        Assert.Equal(200, other.Status);
        Assert.Equal("2", other.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
        Assert.Equal(new[] { 200, 200, 200, 429, 200 }, emulator.Requests.Entries.Select(e => e.Status));
    }

    [Fact]
    public async Task Throttling_is_off_unless_the_scenario_or_the_options_turn_it_on()
    {
        await using (var off = await ArmEmulator.StartAsync(FleetScenario.Generate(1)))
        {
            using var client = new EmulatorClient(off);
            var reply = await client.GetAsync($"/subscriptions/{off.Scenario.SubscriptionIds[0]}/resourceGroups?{EmulatorClient.ApiVersion}");
            Assert.False(reply.Headers.ContainsKey("x-ms-ratelimit-remaining-subscription-reads"));
        }

        var scenario = Scenario.Parse("""{"settings":{"throttling":{"reads":{"capacity":7}}},"subscriptions":[{"subscriptionId":"aaaaaaaa-0000-4000-8000-000000000001"}]}""");
        Assert.Equal(new BucketLimit(7, 25), scenario.Settings.Throttling!.Reads);
        Assert.Equal(ThrottlingLimits.Arm.Writes, scenario.Settings.Throttling.Writes);
        await using var on = await ArmEmulator.StartAsync(scenario);
        using var onClient = new EmulatorClient(on);
        var first = await onClient.GetAsync($"/subscriptions/{SubA}/resourceGroups?{EmulatorClient.ApiVersion}");
        Assert.Equal("6", first.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
    }
}
