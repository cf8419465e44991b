using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>--access-token-file: the token from a file or from standard input reaches ARM and is never printed.</summary>
public sealed class TokenInputTests
{
    private const string Token = "token-from-a-file-0123456789";

    private static Task<EmulatedAzure> Start() => EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "fine").Build());

    private static string[] Args(EmulatedAzure azure, string tokenFile) => new[]
    {
        "readiness", "--vm", VmId(Sub1, "rg", "fine"), "--check", "Vm.PowerState", "--endpoint", azure.Emulator.Endpoint.ToString(),
        "--pin-sha256", azure.Emulator.CertificateSha256, "--access-token-file", tokenFile,
    };

    [Fact]
    public async Task The_token_is_read_from_standard_input_with_a_dash()
    {
        await using var azure = await Start();
        var (exit, stdout, stderr) = await CliRun.RunWithInput(Token + "\n", Args(azure, "-"));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Vm.PowerState", stdout);
        Assert.True(azure.Emulator.Requests.Total > 0);
        Assert.DoesNotContain(Token, stdout + stderr);
    }

    [Fact]
    public async Task The_token_is_read_from_a_file()
    {
        await using var azure = await Start();
        var path = Path.Combine(Path.GetTempPath(), $"azbt-token-{Guid.NewGuid():N}");
        File.WriteAllText(path, Token + "\n");
        try
        {
            var (exit, stdout, stderr) = await CliRun.Run(Args(azure, path));
            Assert.Equal(ExitCodes.Success, exit);
            Assert.DoesNotContain(Token, stdout + stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Empty_standard_input_is_one_line_exit_2_and_no_request()
    {
        await using var azure = await Start();
        var (exit, _, stderr) = await CliRun.RunWithInput("", Args(azure, "-"));
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal(0, azure.Emulator.Requests.Total);
    }
}
