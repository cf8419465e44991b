using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Vault;
using AzBackupTroubleshoot.Checks.Vm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class CheckRunnerTests
{
    private sealed class ThrowingCheck : ReadinessCheck
    {
        public override string Id => "Test.Throws";
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = Array.Empty<string>();
        public override IReadOnlyList<string> Reads { get; } = Array.Empty<string>();
        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void A_throwing_check_gives_an_error_and_the_others_still_run()
    {
        var vm = Scenario.Load("healthy.json").Vm("vm-healthy");
        var results = TestEvaluation.Runner<VmInventory>(new ReadinessCheck[] { new ThrowingCheck(), new PowerStateCheck() }).Run(vm).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(CheckStatus.Error, results[0].Status);
        Assert.Contains("boom", results[0].Message);
        Assert.Equal(CheckStatus.Pass, results[1].Status);
    }

    [Fact]
    public void A_missing_vm_only_gets_the_checks_that_apply_to_it()
    {
        var vm = Scenario.Load("vault.json").Vm("vm-deleted");
        var results = TestEvaluation.Runner<VmInventory>(CheckCatalog.All).Run(vm).ToList();
        var result = Assert.Single(results);
        Assert.Equal("Vault.ProtectedVmExists", result.CheckId);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "320001", "400094", "NoCode.AzureVmNotFound" }, result.Codes);
    }

    [Fact]
    public void Every_check_runs_on_every_fixture_vm_without_error()
    {
        var runner = TestEvaluation.Runner<VmInventory>(CheckCatalog.All);
        foreach (var fixture in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json"))
        foreach (var vm in Scenario.Load(Path.GetFileName(fixture)).Inventories)
        foreach (var result in runner.Run(vm))
            Assert.True(result.Status != CheckStatus.Error, $"{Path.GetFileName(fixture)} {vm.Name} {result.CheckId}: {result.Message}");
    }

    [Fact]
    public void Results_carry_narrowed_codes_and_the_repair_only_when_failing()
    {
        var runner = TestEvaluation.Runner<VmInventory>(new ReadinessCheck[] { new AzBackupTroubleshoot.Checks.Extensions.BackupExtensionCheck() });
        var scenario = Scenario.Load("extensions.json");
        var failing = runner.Run(scenario.Vm("vm-ext-deleting")).Single();
        Assert.Equal(new[] { "ExtensionStuckInDeletionState" }, failing.Codes);
        Assert.Equal("Repair-AzVmBackupExtension", failing.RepairCommand);
        var passing = runner.Run(scenario.Vm("vm-ext-newlinux")).Single();
        Assert.Empty(passing.Codes);
        Assert.Null(passing.RepairCommand);
    }
}
