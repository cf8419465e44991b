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
}
