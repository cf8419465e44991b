namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The parameter contract of Test-AzVmRestoreReadiness, as PowerShell will see it, in both builds.</summary>
public class TestAzVmRestoreReadinessMetadataTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    private static readonly string[] OptionalRequestParameters = { "StorageAccountId", "SubnetId", "TargetVmName", "DnsLabel", "VmSize", "TargetRegion", "VaultId" };

    private static CmdletInfo Cmdlet(string edition) => CmdletMetadata.Of(edition).Cmdlet("Test-AzVmRestoreReadiness");

    [Theory]
    [MemberData(nameof(Editions))]
    public void Is_a_read_only_Test_naming_the_source_by_VM_id_by_default_or_by_protected_item(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal("Test", cmdlet.Verb);
        Assert.False(cmdlet.SupportsShouldProcess);
        Assert.Equal("ByResourceId", cmdlet.DefaultParameterSet);
        Assert.Equal(new[] { "ByProtectedItem", "ByResourceId" }, cmdlet.ParameterSets.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ResourceId_is_one_VM_bound_from_piped_objects_by_Id_then_VmId(string edition)
    {
        var resourceId = Cmdlet(edition).Parameter("ResourceId");
        // One id per planned restore: each piped object is its own request.
        Assert.Equal(typeof(string).FullName, resourceId.Type.FullName);
        Assert.Equal(new ParameterUse("ByResourceId", Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: true), Assert.Single(resourceId.Uses));
        Assert.Equal(new[] { "Id", "VmId" }, resourceId.Aliases);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ProtectedItemId_is_the_mandatory_source_of_its_own_set(string edition)
    {
        var item = Cmdlet(edition).Parameter("ProtectedItemId");
        Assert.Equal(typeof(string).FullName, item.Type.FullName);
        Assert.Equal(new ParameterUse("ByProtectedItem", Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: false), Assert.Single(item.Uses));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_target_resource_group_is_mandatory_in_both_sets_and_the_rest_of_the_request_optional(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: false),
            Assert.Single(cmdlet.Parameter("TargetResourceGroupId").Uses));
        foreach (var name in OptionalRequestParameters)
        {
            var parameter = cmdlet.Parameter(name);
            Assert.Equal(typeof(string).FullName, parameter.Type.FullName);
            Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(parameter.Uses));
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Takes_exactly_the_request_and_the_connection_parameters(string edition)
    {
        var expected = new[] { "ResourceId", "ProtectedItemId", "TargetResourceGroupId", "Culture" }.Concat(OptionalRequestParameters)
            .Concat(CmdletConventionTests.ConnectionParameters.Keys);
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), Cmdlet(edition).Parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Outputs_CheckResult_like_the_readiness_scan(string edition)
        => Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult", Assert.Single(Cmdlet(edition).OutputTypes).FullName);

    [Theory]
    [MemberData(nameof(Editions))]
    public void Culture_is_optional_everywhere_and_completes_the_known_languages(string edition)
    {
        var culture = Cmdlet(edition).Parameter("Culture");
        Assert.Equal(typeof(System.Globalization.CultureInfo).FullName, culture.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(culture.Uses));
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Parameters.KnowledgeCultureCompleter",
            ((Type)Assert.Single(culture.AttributeArguments("ArgumentCompleterAttribute")!)!).FullName);
    }
}
