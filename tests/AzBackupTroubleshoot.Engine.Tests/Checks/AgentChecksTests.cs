using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Agent;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class AgentChecksTests
{
    private static readonly Scenario Vms = Scenario.Load("vm-and-agent.json");
    private static readonly Scenario Healthy = Scenario.Load("healthy.json");

    [Fact]
    public void Installed_fails_when_a_running_vm_has_no_agent_section()
    {
        var outcome = Vms.Evaluate(new AgentInstalledCheck(), "vm-noagent");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("provisionVMAgent is false", outcome.Message.English());
        Assert.Contains("NoCode.VmAgentNotPresent", outcome.Codes!);
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.osProfile.windowsConfiguration.provisionVMAgent" && e.Value == "false");
    }

    [Fact]
    public void Installed_fails_when_no_agent_ever_reported_even_if_the_flag_is_on()
        => Assert.Equal(CheckStatus.Fail, Vms.Evaluate(new AgentInstalledCheck(), "vm-noagent-flagged").Status);

    [Fact]
    public void Installed_fails_on_a_stopped_vm_built_without_the_agent()
    {
        var outcome = Vms.Evaluate(new AgentInstalledCheck(), "vm-stopped-noagent");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("380008", outcome.Codes!);
    }

    [Fact]
    public void Installed_skips_a_deallocated_vm_whose_model_asks_for_the_agent()
        => Assert.Equal(CheckStatus.Skipped, Vms.Evaluate(new AgentInstalledCheck(), "vm-deallocated").Status);

    [Fact]
    public void Installed_skips_when_the_agent_reports_no_version_and_leaves_it_to_Ready()
        => Assert.Equal(CheckStatus.Skipped, Vms.Evaluate(new AgentInstalledCheck(), "vm-notready").Status);

    [Fact]
    public void Installed_passes_when_the_agent_reports_a_version()
    {
        var outcome = Healthy.Evaluate(new AgentInstalledCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("2.7.41491.1102", outcome.Message.English());
    }

    [Fact]
    public void Ready_fails_on_not_ready_with_the_windows_code()
    {
        var outcome = Vms.Evaluate(new AgentReadyCheck(), "vm-notready");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("Not Ready", outcome.Message.English());
        Assert.Contains("VM Agent is unresponsive.", outcome.Message.English());
        Assert.Contains("NoCode.WindowsAgentOutdatedOrUnresponsive", outcome.Codes!);
        Assert.DoesNotContain("NoCode.LinuxAgentOutdated", outcome.Codes!);
        Assert.Contains(outcome.Evidence, e => e.Path.EndsWith("statuses[0].code") && e.Value == "ProvisioningState/Unavailable");
    }

    [Fact]
    public void Ready_gives_linux_advice_and_code_on_linux()
    {
        var outcome = Vms.Evaluate(new AgentReadyCheck(), "vm-notready-linux");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("NoCode.LinuxAgentOutdated", outcome.Codes!);
        Assert.Contains("waagent", outcome.Remediation.English());
    }

    [Theory]
    [InlineData("vm-deallocated")]
    [InlineData("vm-noagent")]
    public void Ready_skips_when_the_agent_cannot_report(string vm)
        => Assert.Equal(CheckStatus.Skipped, Vms.Evaluate(new AgentReadyCheck(), vm).Status);

    [Fact]
    public void Ready_passes_a_ready_agent()
        => Assert.Equal(CheckStatus.Pass, Healthy.Evaluate(new AgentReadyCheck(), "vm-healthy").Status);

    [Fact]
    public void Version_fails_an_old_windows_agent()
    {
        var outcome = Vms.Evaluate(new AgentVersionCheck(), "vm-oldagent");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("2.6.1198.600", outcome.Message.English());
        Assert.Contains("2.7.41491.1010", outcome.Message.English()); // knowledge/thresholds/agent-minimums.json
    }

    [Fact]
    public void Version_fails_a_linux_agent_below_the_published_minimum()
    {
        var outcome = Vms.Evaluate(new AgentVersionCheck(), "vm-linux-agent"); // 2.2.45
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("2.2.53.1", outcome.Message.English());
        Assert.Contains("walinuxagent", outcome.Remediation!.English());
    }

    [Fact]
    public void The_minimums_come_from_the_data_file_with_their_source_and_date()
    {
        Assert.Equal(new Version(2, 7, 41491, 1010), AgentMinimums.WindowsGuestAgent.Minimum);
        Assert.Equal(new Version(2, 2, 53, 1), AgentMinimums.LinuxGuestAgent.Minimum);
        Assert.All(AgentMinimums.List, m => { Assert.NotEmpty(m.Source); Assert.NotEmpty(m.SourceDate); });
    }

    [Fact]
    public void Version_passes_a_current_windows_agent()
        => Assert.Equal(CheckStatus.Pass, Healthy.Evaluate(new AgentVersionCheck(), "vm-healthy").Status);

    [Theory]
    [InlineData("vm-notready")]      // version "Unknown"
    [InlineData("vm-deallocated")]   // nothing reported
    public void Version_skips_what_it_cannot_judge(string vm)
        => Assert.Equal(CheckStatus.Skipped, Vms.Evaluate(new AgentVersionCheck(), vm).Status);
}
