using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Vault;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class VaultChecksTests
{
    private static readonly Scenario Vault = Scenario.Load("vault.json");
    private static readonly Scenario Healthy = Scenario.Load("healthy.json");

    [Fact]
    public void ProtectedVmExists_fails_for_a_deleted_vm_still_protected()
    {
        var check = new ProtectedVmExistsCheck();
        Assert.True(check.AppliesToMissingVm);
        var outcome = Vault.Evaluate(check, "vm-deleted");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("'vault1'", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.sourceResourceId" && e.Value!.EndsWith("/vm-deleted"));
    }

    [Fact]
    public void ProtectedVmExists_passes_a_deleted_vm_whose_protection_is_stopped()
        => Assert.Equal(CheckStatus.Pass, Vault.Evaluate(new ProtectedVmExistsCheck(), "vm-retired").Status);

    [Fact]
    public void ProtectedVmExists_passes_an_existing_protected_vm_and_skips_an_unprotected_one()
    {
        Assert.Equal(CheckStatus.Pass, Vault.Evaluate(new ProtectedVmExistsCheck(), "vm-protected-ok").Status);
        Assert.Equal(CheckStatus.Skipped, Healthy.Evaluate(new ProtectedVmExistsCheck(), "vm-unprotected").Status);
    }

    [Fact]
    public void ProtectedVmExists_skips_when_vms_could_not_be_listed()
    {
        var scenario = Scenario.Load("vault.json", set => set.MarkUnavailable(InventoryParts.VirtualMachines, "403"));
        Assert.Equal(CheckStatus.Skipped, scenario.Evaluate(new ProtectedVmExistsCheck(), "vm-deleted").Status);
    }

    [Fact]
    public void Protection_warns_when_no_vault_protects_the_vm()
    {
        var check = new ProtectionCheck();
        var outcome = Healthy.Evaluate(check, "vm-unprotected");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Equal(CheckSeverity.Info, check.Severity);
        Assert.Contains("not configured", outcome.Message.English());
    }

    [Fact]
    public void Protection_warns_when_protection_is_stopped()
    {
        var outcome = Vault.Evaluate(new ProtectionCheck(), "vm-protection-stopped");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("ProtectionStopped", outcome.Message.English());
    }

    [Fact]
    public void Protection_passes_a_protected_vm()
    {
        var outcome = Healthy.Evaluate(new ProtectionCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("vault1", outcome.Message.English());
    }

    [Fact]
    public void Protection_skips_when_vaults_could_not_be_read()
    {
        var scenario = Scenario.Load("healthy.json", set => set.MarkUnavailable(InventoryParts.Vaults, "403 on vaults"));
        Assert.Equal(CheckStatus.Skipped, scenario.Evaluate(new ProtectionCheck(), "vm-unprotected").Status);
    }

    [Fact]
    public void ItemHealth_fails_on_action_required_and_passes_on_the_vault_codes()
    {
        var outcome = Vault.Evaluate(new ProtectedItemHealthCheck(), "vm-unhealthy");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Equal(new[] { "400094" }, outcome.Codes);
        Assert.Contains("VM not found", outcome.Message.English());
        Assert.Contains("last backup", outcome.Message.English());
    }

    [Fact]
    public void ItemHealth_warns_on_action_suggested()
    {
        var outcome = Vault.Evaluate(new ProtectedItemHealthCheck(), "vm-suggested");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Equal(new[] { "380008" }, outcome.Codes);
    }

    [Fact]
    public void ItemHealth_passes_a_healthy_item_and_skips_an_unprotected_vm()
    {
        Assert.Equal(CheckStatus.Pass, Vault.Evaluate(new ProtectedItemHealthCheck(), "vm-protected-ok").Status);
        Assert.Equal(CheckStatus.Skipped, Healthy.Evaluate(new ProtectedItemHealthCheck(), "vm-unprotected").Status);
    }

    [Fact]
    public void BackupFrequency_reports_an_hourly_enhanced_policy_without_warning()
    {
        var outcome = Vault.Evaluate(new BackupFrequencyCheck(), "vm-hourly");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("6 time(s) a day", outcome.Message.English());
        Assert.Contains("about 30 restore points", outcome.Message.English());
    }

    [Fact]
    public void BackupFrequency_warns_on_a_standard_policy_with_two_daily_run_times()
    {
        var outcome = Vault.Evaluate(new BackupFrequencyCheck(), "vm-twice-daily");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("2 times a day", outcome.Message.English());
    }

    [Fact]
    public void BackupFrequency_passes_a_daily_policy()
        => Assert.Equal(CheckStatus.Pass, Vault.Evaluate(new BackupFrequencyCheck(), "vm-protected-ok").Status);

    [Theory]
    [InlineData("vault.json", "vm-policy-missing")]
    [InlineData("healthy.json", "vm-unprotected")]
    public void BackupFrequency_skips_without_a_policy(string fixture, string vm)
        => Assert.Equal(CheckStatus.Skipped, Scenario.Load(fixture).Evaluate(new BackupFrequencyCheck(), vm).Status);
}
