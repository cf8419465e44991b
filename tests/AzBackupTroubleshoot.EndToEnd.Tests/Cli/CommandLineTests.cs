using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>What System.CommandLine gives azbt: generated help, tab completion, the shared options on every ARM command.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> ArmCommands => new() { "readiness", "restore-readiness", "failures", "repair restore-points", "repair extension", "backup start", "job cancel" };

    [Theory]
    [MemberData(nameof(ArmCommands))]
    public async Task Every_command_that_talks_to_ARM_has_the_same_connection_options(string command)
    {
        var (exit, stdout, stderr) = await CliRun.Run(command.Split(' ').Append("--help").ToArray());
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("", stderr);
        foreach (var option in new[] { "--scenario", "--environment", "--endpoint", "--access-token", "--access-token-file", "--managed-identity", "--client-id", "--tenant", "--pin-sha256", "--concurrency" })
            Assert.Contains(option + " ", stdout);
    }

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var (exit, stdout, _) = await CliRun.Run("--help");
        Assert.Equal(ExitCodes.Success, exit);
        foreach (var command in new[] { "readiness", "restore-readiness", "checks", "failures", "explain", "repair", "backup", "job", "emulator" })
            Assert.Contains("  " + command + " ", stdout);
    }

    [Theory]
    [InlineData("readiness --output ", "json\ntable")]
    [InlineData("readiness --lang ", "en\nit\npt")]
    [InlineData("failures --environment ", "AzureChinaCloud\nAzureCloud\nAzureUSGovernment")]
    public async Task Tab_completion_offers_the_allowed_values(string line, string expected)
    {
        var (exit, stdout, _) = await CliRun.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(expected, stdout.Trim().Replace("\r", ""));
    }

    [Fact]
    public async Task Tab_completion_offers_check_ids()
    {
        var line = "readiness --check Agent";
        var (_, stdout, _) = await CliRun.Run($"[suggest:{line.Length}]", line);
        Assert.Contains("Agent.Ready", stdout.Split('\n').Select(l => l.Trim()));
    }
}
