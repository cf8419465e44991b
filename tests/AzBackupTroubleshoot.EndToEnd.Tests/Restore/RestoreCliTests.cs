using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using static AzBackupTroubleshoot.EndToEnd.Tests.Restore.RestoreScenario;

using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Restore;

/// <summary>azbt restore-readiness, in-process against scenarios/restore.json: JSON shape, table, exit codes, one-line errors.</summary>
public sealed class RestoreCliTests
{
    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    private static string[] Restore(string vm, string targetGroup, params string[] more)
        => new[] { "restore-readiness", "--scenario", RestoreScenario.Path, "--vm", Vm(vm), "--target-resource-group", targetGroup }.Concat(more).ToArray();

    [Fact]
    public async Task Json_output_has_one_result_per_pre_check_and_exit_zero_when_all_pass()
    {
        var (exit, stdout, stderr) = await Run(Restore("vm-app-01", TargetGroup,
            "--storage-account", StorageAccount("strestorewe"), "--subnet", Subnet("vnet-restore-we", "app"),
            "--vm-name", "vm-app-01-restored", "--dns-label", "contoso-restore-new", "--output", "json"));

        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(new[]
        {
            "Restore.StorageAccountRegion", "Restore.StorageAccountType", "Restore.StorageAccountAvailable", "Restore.SubnetExists",
            "Restore.ResourceGroupQuota", "Restore.NameAvailable", "Restore.BackupServicePermission",
        }, results.Select(r => r.GetProperty("checkId").GetString()));
        Assert.All(results, r =>
        {
            Assert.Equal("Pass", r.GetProperty("status").GetString());
            Assert.Equal(Vm("vm-app-01"), r.GetProperty("vmId").GetString());
            Assert.Equal("vm-app-01", r.GetProperty("vmName").GetString());
            Assert.Equal(JsonValueKind.Array, r.GetProperty("codes").ValueKind);
            Assert.Equal(JsonValueKind.Array, r.GetProperty("evidence").ValueKind);
            Assert.StartsWith("docs/restore-checks.md#restore", r.GetProperty("docPage").GetString());
        });
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("7 passed", stderr);
    }

    [Fact]
    public async Task A_failing_pre_check_exits_one_and_the_table_shows_the_fix()
    {
        var (exit, stdout, _) = await Run(Restore("vm-app-big", TargetGroup, "--storage-account", StorageAccount("strestorepremium")));

        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.Contains("Restore.ResourceGroupQuota", stdout);
        Assert.Contains("Restore.StorageAccountType", stdout);
        Assert.Contains("fix:", stdout);
    }

    [Fact]
    public async Task Only_unreadable_scopes_exit_three()
    {
        var (exit, _, stderr) = await Run(Restore("vm-app-01", Group(Forbidden, "rg-restore-forbidden")));

        Assert.Equal(ExitCodes.ScopeErrors, exit);
        Assert.Contains("error: AuthorizationFailed:", stderr);
    }

    [Theory]
    [InlineData("--vm", "/subscriptions/xyz/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "--target-resource-group", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg")]
    [InlineData("--vm", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01")]
    [InlineData("--vm", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01", "--target-resource-group", "rg-restore-we")]
    [InlineData("--vm", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01", "--target-resource-group", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg", "--dns-label", "-bad-")]
    [InlineData("--vm", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01", "--target-resource-group", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg", "--output", "yaml")]
    [InlineData("--vm", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01", "--target-resource-group", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg", "--check", "Vm.PowerState")]
    public async Task Bad_input_exits_two_with_one_line_on_stderr(params string[] options)
    {
        var (exit, stdout, stderr) = await Run(new[] { "restore-readiness" }.Concat(options).ToArray());

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_describes_the_command()
    {
        var (exit, stdout, _) = await Run("restore-readiness", "--help");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("--target-resource-group", stdout);
    }
}
