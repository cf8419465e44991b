using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>The azbt command line, run in-process against scenario files: output shapes, exit codes, one-line errors.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new("azbt-cli-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string WriteScenario(ScenarioBuilder builder) => _temp.Scenario(builder);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public async Task Json_output_is_an_array_of_results_with_the_documented_fields()
    {
        var path = WriteScenario(new ScenarioBuilder().Subscription(Sub1).Vms(Sub1, "rg", 2));
        var (exit, stdout, stderr) = await Run("readiness", "--scenario", path, "--output", "json");

        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            Assert.StartsWith("/subscriptions/", r.GetProperty("vmId").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("checkId").GetString()));
            Assert.Contains(r.GetProperty("status").GetString(), new[] { "Pass", "Warning", "Fail", "Skipped", "Error" });
            Assert.Equal(JsonValueKind.Array, r.GetProperty("codes").ValueKind);
        }
        Assert.Contains("VM(s):", stderr);
        var anyFail = results.Any(r => r.GetProperty("status").GetString() is "Fail" or "Error");
        Assert.Equal(anyFail ? ExitCodes.ChecksFailed : ExitCodes.Success, exit);
    }

    [Fact]
    public async Task A_failing_check_makes_the_exit_code_non_zero()
    {
        var path = WriteScenario(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "busy", powerState: "deallocating"));
        var (exit, stdout, _) = await Run("readiness", "--scenario", path, "--check", "Vm.PowerState");

        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.Contains("Vm.PowerState", stdout);
        Assert.Contains("Fail", stdout);
        Assert.Contains("fix:", stdout);
    }

    [Fact]
    public async Task Passing_checks_exit_zero()
    {
        var path = WriteScenario(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "fine"));
        var (exit, stdout, _) = await Run("readiness", "--scenario", path, "--check", "Vm.PowerState");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Pass", stdout);
    }

    [Theory]
    [InlineData("readiness", "--vm", "/subscriptions/xyz/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm")]
    [InlineData("readiness", "--subscription", "not-a-guid")]
    [InlineData("readiness", "--check", "No.SuchCheck")]
    [InlineData("readiness", "--output", "yaml")]
    [InlineData("readiness", "--bogus", "1")]
    [InlineData("readiness", "--scenario", "/no/such/file.json")]
    [InlineData("readiness", "--resource-group", "rg")]
    [InlineData("frobnicate")]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_2(params string[] args)
    {
        var (exit, _, stderr) = await Run(args);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ", lines[0]); // no stack trace
    }

    [Fact]
    public async Task Forbidden_subscription_prints_a_scope_error_and_exit_code_3_when_nothing_failed()
    {
        var path = WriteScenario(new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Forbidden(Sub2).Vm(Sub1, "rg", "fine"));
        var (exit, _, stderr) = await Run("readiness", "--scenario", path, "--subscription", Sub1, "--subscription", Sub2, "--check", "Vm.PowerState");
        Assert.Equal(ExitCodes.ScopeErrors, exit);
        Assert.Contains("error: AuthorizationFailed:", stderr);
    }

    [Fact]
    public async Task Without_a_scope_every_visible_subscription_is_scanned()
    {
        var path = WriteScenario(new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2).Vm(Sub1, "rg", "one").Vm(Sub2, "rg", "two"));
        var (_, stdout, _) = await Run("readiness", "--scenario", path, "--check", "Vm.PowerState", "--output", "json");
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(new[] { "one", "two" }, doc.RootElement.EnumerateArray().Select(r => r.GetProperty("vmName").GetString()).OrderBy(n => n).ToArray());
    }

    [Fact]
    public async Task Checks_command_lists_every_check()
    {
        var (exit, stdout, _) = await Run("checks", "--output", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(AzBackupTroubleshoot.Checks.CheckCatalog.All.Count, doc.RootElement.GetArrayLength());
    }
}
