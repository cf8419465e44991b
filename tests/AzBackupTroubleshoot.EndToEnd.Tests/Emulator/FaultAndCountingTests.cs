using System.Diagnostics;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Injected faults (throttling, server errors, delays), latency, and the request log.</summary>
public sealed class FaultAndCountingTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;

    [Fact]
    public async Task Throttling_answers_429_with_Retry_After_then_lets_requests_through()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "virtualMachines/vm-web$", Status = 429, RetryAfterSeconds = 3 });
        using var client = new EmulatorClient(emulator);

        var throttled = await client.GetAsync(VmId + V);
        var next = await client.GetAsync(VmId + V);

        Assert.Equal(429, throttled.Status);
        Assert.Equal("3", throttled.Headers["Retry-After"]);
        Assert.Equal("TooManyRequests", throttled.ErrorCode);
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public async Task A_fault_fails_exactly_times_matching_requests_and_leaves_others_alone()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/restorePointCollections/", Status = 503, Times = 2 });
        using var client = new EmulatorClient(emulator);

        var other = await client.GetAsync(VmId + V);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.GetAsync(RpcId + V)).Status);

        Assert.Equal(200, other.Status);
        Assert.Equal(new[] { 503, 503, 200 }, statuses);
    }

    [Fact]
    public async Task A_server_error_fault_carries_an_ARM_error_body()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        emulator.Faults.Add(new FaultRule { PathPattern = ".*", Status = 500 });
        using var client = new EmulatorClient(emulator);

        var reply = await client.GetAsync(VmId + V);

        Assert.Equal(500, reply.Status);
        Assert.Equal("InternalServerError", reply.ErrorCode);
    }

    [Fact]
    public async Task Faults_from_the_scenario_settings_are_armed_at_start()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create("""{ "faults": [ { "method": "GET", "path": "vm-web$", "status": 429, "retryAfterSeconds": 1, "times": 2 } ] }"""));
        using var client = new EmulatorClient(emulator);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.GetAsync(VmId + V)).Status);

        Assert.Equal(new[] { 429, 429, 200 }, statuses);
    }

    [Fact]
    public async Task Latency_and_fault_delays_slow_requests_down()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create(), new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(150) });
        emulator.Faults.Add(new FaultRule { PathPattern = "vm-web$", Status = 0, Delay = TimeSpan.FromMilliseconds(300) });
        using var client = new EmulatorClient(emulator);
        await client.GetAsync(RpcId + V); // warm up the connection

        var watch = Stopwatch.StartNew();
        var delayed = await client.GetAsync(VmId + V);
        var delayedTime = watch.Elapsed;
        watch.Restart();
        await client.GetAsync(VmId + V);
        var plainTime = watch.Elapsed;

        Assert.Equal(200, delayed.Status);
        Assert.True(delayedTime >= TimeSpan.FromMilliseconds(440), $"delayed request took {delayedTime}");
        Assert.True(plainTime >= TimeSpan.FromMilliseconds(140), $"plain request took {plainTime}");
    }

    [Fact]
    public async Task The_request_log_counts_every_request_with_its_status()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        using var anonymous = new EmulatorClient(emulator, token: null);

        await client.GetAsync(VmId + V);
        await client.GetAsync(VmId + "/instanceView" + V);
        await anonymous.GetAsync(VmId + V);
        await client.SendAsync(HttpMethod.Delete, ExtensionId + V);

        Assert.Equal(4, emulator.Requests.Total);
        Assert.Equal(3, emulator.Requests.Count("GET"));
        Assert.Equal(1, emulator.Requests.Count("get", "/instanceview"));
        Assert.Equal(1, emulator.Requests.Count("DELETE", "/extensions/"));
        Assert.Equal(1, emulator.Requests.Writes);
        Assert.Equal(new[] { 200, 200, 401, 202 }, emulator.Requests.Entries.Select(e => e.Status));
        Assert.Equal("?api-version=2025-04-01", emulator.Requests.Entries[0].Query);

        emulator.Requests.Reset();
        Assert.Equal(0, emulator.Requests.Total);
    }

    [Fact]
    public async Task The_engines_pinned_connection_lists_through_the_emulator_and_rides_out_throttling()
    {
        await using var emulator = await ArmEmulator.StartAsync(FleetScenario.Generate(7, seed: 5), new EmulatorOptions { PageSize = 3 });
        emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "virtualMachines$", Status = 429, RetryAfterSeconds = 0, Times = 1 });
        var connection = ArmConnection.Create(new ArmConnectionOptions
        {
            Endpoint = emulator.Endpoint,
            Credential = CredentialKind.AccessToken,
            AccessToken = "dummy-token",
            PinnedCertificateSha256 = emulator.CertificateSha256,
        });
        var sub = emulator.Scenario.SubscriptionIds.Single();

        var vms = new List<string>();
        await foreach (var vm in connection.Json.ListAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines", "2025-04-01"))
            vms.Add(vm.GetProperty("name").GetString()!);

        Assert.Equal(7, vms.Distinct().Count());
        Assert.Equal(429, emulator.Requests.Entries[0].Status);
        Assert.Equal(1 + 3, emulator.Requests.Count("GET")); // one throttled answer, then three pages
    }
}
