using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The parameter contract of Get-AzVmBackupFailure, as PowerShell will see it, in both builds.</summary>
public class GetAzVmBackupFailureMetadataTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    private static CmdletInfo Cmdlet(string edition) => CmdletMetadata.Of(edition).Cmdlet("Get-AzVmBackupFailure");

    [Theory]
    [MemberData(nameof(Editions))]
    public void Is_a_read_only_Get_with_four_parameter_sets_and_ByResourceId_as_default(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal("Get", cmdlet.Verb);
        Assert.False(cmdlet.SupportsShouldProcess);
        Assert.Equal("ByResourceId", cmdlet.DefaultParameterSet);
        Assert.Equal(new[] { "ByResourceGroup", "ByResourceId", "BySubscription", "ByVault" }, cmdlet.ParameterSets.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ResourceId_binds_strings_and_piped_VMs_readiness_results_and_repair_records(string edition)
    {
        var resourceId = Cmdlet(edition).Parameter("ResourceId");
        Assert.Equal(typeof(string[]).FullName, resourceId.Type.FullName);
        Assert.Equal(new ParameterUse("ByResourceId", Mandatory: true, FromPipeline: true, FromPipelineByPropertyName: true), Assert.Single(resourceId.Uses));
        // Id first: Get-AzVM objects have both Id (the resource id) and VmId (the VM's GUID).
        Assert.Equal(new[] { "Id", "VmId" }, resourceId.Aliases);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void VaultId_is_its_own_set_and_must_be_a_Recovery_Services_vault_id(string edition)
    {
        var vaultId = Cmdlet(edition).Parameter("VaultId");
        Assert.Equal(typeof(string).FullName, vaultId.Type.FullName);
        Assert.Equal(new ParameterUse("ByVault", Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: false), Assert.Single(vaultId.Uses));

        // ValidatePattern ignores case by default.
        var pattern = new Regex((string)vaultId.AttributeArguments("ValidatePatternAttribute")!.Single()!, RegexOptions.IgnoreCase);
        const string vault = "/subscriptions/5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-triage-ne";
        Assert.Matches(pattern, vault);
        Assert.Matches(pattern, vault + "/");
        Assert.Matches(pattern, vault.Replace("Microsoft.RecoveryServices", "microsoft.recoveryservices"));
        Assert.DoesNotMatch(pattern, "/subscriptions/5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4/resourceGroups/rg-app-ne/providers/Microsoft.Compute/virtualMachines/vm-rp-full");
        Assert.DoesNotMatch(pattern, vault + "/backupJobs/5ab00002-0000-4000-8000-000000000002");
        Assert.DoesNotMatch(pattern, "/subscriptions/not-a-guid/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-triage-ne");
        Assert.DoesNotMatch(pattern, "rsv-triage-ne");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ByResourceGroup_needs_a_group_and_a_subscription_and_BySubscription_takes_several(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal(new ParameterUse("ByResourceGroup", Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: false),
            Assert.Single(cmdlet.Parameter("ResourceGroupName").Uses));
        var subscription = cmdlet.Parameter("SubscriptionId");
        Assert.Equal(typeof(string[]).FullName, subscription.Type.FullName);
        Assert.Equal(new[] { "ByResourceGroup", "BySubscription" }, subscription.Uses.Select(u => u.Set).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(subscription.Uses, u => Assert.True(u.Mandatory));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Culture_is_optional_in_every_set_and_completes_the_known_languages(string edition)
    {
        var culture = Cmdlet(edition).Parameter("Culture");
        Assert.Equal(typeof(System.Globalization.CultureInfo).FullName, culture.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(culture.Uses));
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Parameters.KnowledgeCultureCompleter",
            ((Type)Assert.Single(culture.AttributeArguments("ArgumentCompleterAttribute")!)!).FullName);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Outputs_the_engines_BackupFailureDiagnosis(string edition)
        => Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupJobDiagnosis", Assert.Single(Cmdlet(edition).OutputTypes).FullName);

    [Theory]
    [MemberData(nameof(Editions))]
    public void A_diagnosis_pipes_into_the_repair_cmdlets_by_VmId_and_into_Stop_AzVmBackupJob_by_JobId(string edition)
    {
        var diagnosis = Assert.Single(Cmdlet(edition).OutputTypes);
        Assert.Equal(typeof(string).FullName, diagnosis.GetProperty("VmId")!.PropertyType.FullName);
        Assert.Equal(typeof(string).FullName, diagnosis.GetProperty("JobId")!.PropertyType.FullName);
        // No Id property, so the repair cmdlets' "Id" alias cannot bind something else first.
        Assert.Null(diagnosis.GetProperty("Id"));
        Assert.Contains("VmId", CmdletMetadata.Of(edition).Cmdlet("Repair-AzVmBackupExtension").Parameter("ResourceId").Aliases);
        Assert.Equal("JobId", CmdletMetadata.Of(edition).Cmdlet("Stop-AzVmBackupJob").Parameter("JobId").Name);
    }
}
