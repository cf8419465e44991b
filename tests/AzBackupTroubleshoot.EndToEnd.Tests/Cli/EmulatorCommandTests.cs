using System.Diagnostics;
using System.Text.Json;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>
/// `azbt emulator` as a separate process, the way the Pester tests and bash users start it: one JSON line announcing
/// the endpoint, then it serves until its standard input closes.
/// </summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task The_emulator_command_announces_an_endpoint_that_serves_the_scenario_and_stops_when_stdin_closes()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "azbt.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests: " + cli);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "emulator", "--scenario", RepoPaths.DemoScenario }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            using var announced = JsonDocument.Parse(line!);
            var endpoint = new Uri(announced.RootElement.GetProperty("endpoint").GetString()!);
            Assert.Equal("127.0.0.1", endpoint.Host);

            var connection = ArmConnection.Create(new ArmConnectionOptions
            {
                Endpoint = endpoint,
                PinnedCertificateSha256 = announced.RootElement.GetProperty("certificateSha256").GetString(),
                Credential = CredentialKind.AccessToken,
                AccessToken = announced.RootElement.GetProperty("accessToken").GetString(),
            });
            var subscriptions = await SubscriptionDiscovery.ListAsync(connection);
            Assert.Equal(2, subscriptions.Count); // the demo's third subscription is forbidden, so ARM does not list it

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_generated_fleet_is_served_and_every_request_is_logged_on_exit()
    {
        var log = Path.Combine(Path.GetTempPath(), $"azbt-test-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "azbt.dll"), "emulator", "--fleet", "25", "--request-log", log }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            using var announced = JsonDocument.Parse((await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!);
            var connection = ArmConnection.Create(new ArmConnectionOptions
            {
                Endpoint = new Uri(announced.RootElement.GetProperty("endpoint").GetString()!),
                PinnedCertificateSha256 = announced.RootElement.GetProperty("certificateSha256").GetString(),
                Credential = CredentialKind.AccessToken,
                AccessToken = "t",
            });
            var subscription = Assert.Single(await SubscriptionDiscovery.ListAsync(connection));
            var results = 0;
            await foreach (var evt in new ReadinessScanner(connection, new[] { "Vm.PowerState" }).ScanAsync(new ScanScope().AddSubscription(subscription)))
                if (evt is ResultEvent) results++;
            Assert.Equal(25, results);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var lines = File.ReadAllLines(log);
            Assert.Contains(lines, l => l.Contains("\"path\":\"/subscriptions\""));
            Assert.Contains(lines, l => l.Contains("Microsoft.Compute/virtualMachines"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            File.Delete(log);
        }
    }
}
