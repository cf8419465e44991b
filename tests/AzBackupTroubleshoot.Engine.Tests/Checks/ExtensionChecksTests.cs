using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Extensions;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class ExtensionChecksTests
{
    private static readonly Scenario Ext = Scenario.Load("extensions.json");
    private static readonly Scenario Healthy = Scenario.Load("healthy.json");

    [Fact]
    public void BackupExtension_fails_when_the_agent_reports_it_failed()
    {
        var outcome = Ext.Evaluate(new BackupExtensionCheck(), "vm-ext-failed");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("ProvisioningState/failed/-40", outcome.Message.English());
        Assert.Contains("NoCode.BackupExtensionFailsToLoad", outcome.Codes!);
        Assert.DoesNotContain("ExtensionStuckInDeletionState", outcome.Codes!);
    }

    [Fact]
    public void BackupExtension_fails_when_the_model_says_failed()
        => Assert.Equal(CheckStatus.Fail, Ext.Evaluate(new BackupExtensionCheck(), "vm-ext-model-failed").Status);

    [Fact]
    public void BackupExtension_reports_a_deleting_extension_as_stuck()
    {
        var outcome = Ext.Evaluate(new BackupExtensionCheck(), "vm-ext-deleting");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Equal(new[] { "ExtensionStuckInDeletionState" }, outcome.Codes);
        Assert.Contains(outcome.Evidence, e => e.Path == "resources[name=VMSnapshot].properties.provisioningState" && e.Value == "Deleting");
    }

    [Fact]
    public void BackupExtension_warns_on_an_old_linux_extension()
    {
        var outcome = Ext.Evaluate(new BackupExtensionCheck(), "vm-ext-oldlinux");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("1.0.50.0", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-ext-newlinux")]
    [InlineData("vm-ext-none")]
    public void BackupExtension_passes_a_current_or_absent_extension(string vm)
        => Assert.Equal(CheckStatus.Pass, Ext.Evaluate(new BackupExtensionCheck(), vm).Status);

    [Fact]
    public void BackupExtension_passes_a_healthy_windows_extension_and_offers_the_repair()
    {
        var check = new BackupExtensionCheck();
        Assert.Equal(CheckStatus.Pass, Healthy.Evaluate(check, "vm-healthy").Status);
        Assert.Equal("Repair-AzVmBackupExtension", check.RepairCommand);
    }

    [Fact]
    public void BackupExtension_skips_when_no_extension_data_was_collected()
        => Assert.Equal(CheckStatus.Skipped, Ext.Evaluate(new BackupExtensionCheck(), "vm-ext-no-view").Status);

    [Fact]
    public void OtherExtensions_warns_and_names_the_failed_extension()
    {
        var outcome = Ext.Evaluate(new OtherExtensionsCheck(), "vm-other-failed");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("MicrosoftMonitoringAgent", outcome.Message.English());
        Assert.DoesNotContain("VMSnapshot", outcome.Message.English());
    }

    [Fact]
    public void OtherExtensions_ignores_a_failed_backup_extension()
        => Assert.Equal(CheckStatus.Pass, Ext.Evaluate(new OtherExtensionsCheck(), "vm-ext-failed").Status);

    [Fact]
    public void OtherExtensions_passes_healthy_extensions()
    {
        var outcome = Healthy.Evaluate(new OtherExtensionsCheck(), "vm-healthy");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("IaaSAntimalware", outcome.Message.English());
    }
}
