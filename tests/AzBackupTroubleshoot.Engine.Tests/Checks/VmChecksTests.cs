using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Vm;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class VmChecksTests
{
    private static readonly Scenario Vms = Scenario.Load("vm-and-agent.json");
    private static readonly Scenario Healthy = Scenario.Load("healthy.json");

    [Fact]
    public void ProvisioningState_failed_names_the_failed_extension()
    {
        var outcome = Vms.Evaluate(new ProvisioningStateCheck(), "vm-failed");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("failed/VMExtensionProvisioningError", outcome.Message.English());
        Assert.Contains("CustomScriptExtension", outcome.Message.English());
        Assert.DoesNotContain("'VMSnapshot'", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Value == "CustomScriptExtension");
        Assert.NotNull(outcome.Remediation);
    }

    [Fact]
    public void ProvisioningState_failed_without_failed_extension_says_so()
    {
        var outcome = Vms.Evaluate(new ProvisioningStateCheck(), "vm-failed-noext");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("No extension reports a failure", outcome.Message.English());
    }

    [Fact]
    public void ProvisioningState_updating_is_a_warning()
        => Assert.Equal(CheckStatus.Warning, Vms.Evaluate(new ProvisioningStateCheck(), "vm-updating").Status);

    [Fact]
    public void ProvisioningState_succeeded_passes_with_evidence()
    {
        var outcome = Healthy.Evaluate(new ProvisioningStateCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Equal("ProvisioningState/succeeded", Assert.Single(outcome.Evidence).Value);
    }

    [Theory]
    [InlineData("vm-starting", CheckStatus.Fail)]
    [InlineData("vm-deallocated", CheckStatus.Pass)]
    [InlineData("vm-stopped-noagent", CheckStatus.Pass)]
    public void PowerState_refuses_transitional_states(string vm, CheckStatus expected)
        => Assert.Equal(expected, Vms.Evaluate(new PowerStateCheck(), vm).Status);

    [Fact]
    public void GuestShutdown_warns_on_stopped_but_allocated()
    {
        var outcome = Vms.Evaluate(new GuestShutdownCheck(), "vm-stopped-noagent");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Equal("PowerState/stopped", outcome.Evidence[0].Value);
    }

    [Theory]
    [InlineData("vm-deallocated")]
    [InlineData("vm-starting")]
    public void GuestShutdown_passes_other_states(string vm)
        => Assert.Equal(CheckStatus.Pass, Vms.Evaluate(new GuestShutdownCheck(), vm).Status);

    [Fact]
    public void SupportedConfiguration_flags_spot_vms()
    {
        var outcome = Vms.Evaluate(new SupportedConfigurationCheck(), "vm-spot");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("Spot", outcome.Message.English());
    }

    [Fact]
    public void SupportedConfiguration_counts_data_disks_from_the_model()
    {
        var outcome = Vms.Evaluate(new SupportedConfigurationCheck(), "vm-many-disks");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("33 data disks", outcome.Message.English());
        Assert.Contains("32", outcome.Message.English());
    }

    [Fact]
    public void SupportedConfiguration_uses_the_unmanaged_limit_of_16()
    {
        var outcome = Vms.Evaluate(new SupportedConfigurationCheck(), "vm-unmanaged-many");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("16", outcome.Message.English());
    }

    [Fact]
    public void SupportedConfiguration_passes_a_regular_vm()
        => Assert.Equal(CheckStatus.Pass, Healthy.Evaluate(new SupportedConfigurationCheck(), "vm-healthy").Status);
}
