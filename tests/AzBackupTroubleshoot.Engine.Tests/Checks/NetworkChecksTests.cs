using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Network;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class NetworkChecksTests
{
    private static readonly Scenario Net = Scenario.Load("network.json");

    [Fact]
    public void OutboundHttps_fails_on_a_subnet_rule_denying_internet_443()
    {
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-deny-subnet");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("deny-internet-https", outcome.Message.English());
        Assert.Contains("priority 200", outcome.Message.English());
        var evidence = Assert.Single(outcome.Evidence);
        Assert.EndsWith("/networkSecurityGroups/deny-https-nsg/securityRules/deny-internet-https", evidence.ResourceId);
    }

    [Fact]
    public void OutboundHttps_fails_on_a_regional_storage_tag_for_the_vms_region()
        => Assert.Equal(CheckStatus.Fail, Net.Evaluate(new OutboundHttpsCheck(), "vm-net-region-deny").Status);

    [Fact]
    public void OutboundHttps_fails_on_a_nic_rule_whose_port_range_holds_443()
    {
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-nic-deny");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("network interface", outcome.Message.English());
    }

    [Fact]
    public void OutboundHttps_passes_when_an_allow_for_storage_comes_first()
    {
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-storage-allowed");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("allow-storage", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-net-open")]               // no NSG anywhere
    [InlineData("vm-net-other-region")]       // Storage.EastUS does not cover West Europe
    [InlineData("vm-net-udp")]                // UDP rule, backup uses TCP
    [InlineData("vm-net-source-elsewhere")]   // source CIDR does not hold the VM's address
    public void OutboundHttps_passes_rules_that_do_not_match(string vm)
        => Assert.Equal(CheckStatus.Pass, Net.Evaluate(new OutboundHttpsCheck(), vm).Status);

    [Fact]
    public void OutboundHttps_falls_through_to_the_default_internet_rule()
    {
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-other-region");
        Assert.Contains("AllowInternetOutBound", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/defaultSecurityRules/AllowInternetOutBound"));
    }

    [Fact]
    public void OutboundHttps_passes_the_healthy_vm_through_its_nic_rule()
    {
        var outcome = Scenario.Load("healthy.json").Evaluate(new OutboundHttpsCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("allow-storage-https", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-net-nic-missing")]
    [InlineData("vm-net-subnet-missing")]
    public void OutboundHttps_skips_when_the_path_is_incomplete(string vm)
        => Assert.Equal(CheckStatus.Skipped, Net.Evaluate(new OutboundHttpsCheck(), vm).Status);

    [Fact]
    public void OutboundHttps_cannot_confirm_an_allow_by_ip_range_ahead_of_a_deny()
    {
        // The seeds' own fix is to allow the Azure datacenter ranges: such a rule is not a failure, but ARM cannot show it covers Storage.
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-range-allow");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("Cannot confirm", outcome.Message.English());
        Assert.Contains("20.60.0.0/16", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/securityRules/allow-azure-ranges") && e.Value!.StartsWith("Allow (priority 100"));
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/securityRules/deny-internet") && e.Value!.StartsWith("Deny (priority 200"));
    }

    [Fact]
    public void OutboundHttps_cannot_confirm_a_deny_by_ip_range_ahead_of_the_default_allow()
    {
        var outcome = Net.Evaluate(new OutboundHttpsCheck(), "vm-net-range-deny");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("deny-some-ranges", outcome.Message.English());
    }
}
