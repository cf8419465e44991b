namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The parameter contract of Test-AzVmBackupReadiness, as PowerShell will see it, in both builds.</summary>
public class TestAzVmBackupReadinessMetadataTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    private static CmdletInfo Cmdlet(string edition) => CmdletMetadata.Of(edition).Cmdlet("Test-AzVmBackupReadiness");

    [Theory]
    [MemberData(nameof(Editions))]
    public void Has_the_scope_sets_and_the_saved_inventory_set_with_ByResourceId_as_default(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal("ByResourceId", cmdlet.DefaultParameterSet);
        Assert.Equal(new[] { "ByInventory", "ByResourceGroup", "ByResourceId", "BySubscription" }, cmdlet.ParameterSets.OrderBy(s => s, StringComparer.Ordinal));
        var inventory = cmdlet.Parameters.Single(p => p.Name == "InventoryPath");
        Assert.True(inventory.In("ByInventory")!.Mandatory);
        Assert.Null(inventory.In("ByResourceId"));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ResourceId_is_mandatory_and_binds_piped_objects_by_their_Id(string edition)
    {
        var resourceId = Cmdlet(edition).Parameter("ResourceId");
        Assert.Equal(typeof(string[]).FullName, resourceId.Type.FullName);
        var use = Assert.Single(resourceId.Uses);
        Assert.Equal(new ParameterUse("ByResourceId", Mandatory: true, FromPipeline: true, FromPipelineByPropertyName: true), use);
        Assert.Equal(new[] { "Id", "VmId" }, resourceId.Aliases); // Get-AzVM output binds by Id; diagnoses and results by VmId
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void ByResourceGroup_needs_a_group_and_a_subscription_and_takes_an_optional_vm_name(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.True(cmdlet.Parameter("ResourceGroupName").In("ByResourceGroup")!.Mandatory);
        Assert.True(cmdlet.Parameter("SubscriptionId").In("ByResourceGroup")!.Mandatory);
        var name = cmdlet.Parameter("Name");
        Assert.False(name.In("ByResourceGroup")!.Mandatory);
        Assert.Contains("VMName", name.Aliases);
        Assert.Equal(new[] { "ByResourceGroup" }, name.Uses.Select(u => u.Set));
        Assert.Equal(new[] { "ByResourceGroup" }, cmdlet.Parameter("ResourceGroupName").Uses.Select(u => u.Set));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void BySubscription_needs_subscription_ids(string edition)
    {
        var subscription = Cmdlet(edition).Parameter("SubscriptionId");
        Assert.Equal(typeof(string[]).FullName, subscription.Type.FullName);
        Assert.True(subscription.In("BySubscription")!.Mandatory);
        Assert.Equal(2, subscription.Uses.Count);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Check_filters_are_optional_in_every_set_and_complete_from_the_catalog(string edition)
    {
        var cmdlet = Cmdlet(edition);
        foreach (var name in new[] { "Check", "ExcludeCheck", "Tag" })
        {
            var parameter = cmdlet.Parameter(name);
            Assert.Equal(typeof(string[]).FullName, parameter.Type.FullName);
            var use = Assert.Single(parameter.Uses);
            Assert.Equal(CmdletMetadata.AllParameterSets, use.Set);
            Assert.False(use.Mandatory);
            Assert.Contains("ArgumentCompleterAttribute", parameter.AttributeNames);
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Scan_options_are_optional_in_every_set(string edition)
    {
        var cmdlet = Cmdlet(edition);
        var skip = cmdlet.Parameter("SkipRestorePointCount");
        Assert.Equal("System.Management.Automation.SwitchParameter", skip.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(skip.Uses));

        var objectIds = cmdlet.Parameter("BackupServiceObjectId");
        Assert.Equal(typeof(string[]).FullName, objectIds.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(objectIds.Uses));
        var guid = new System.Text.RegularExpressions.Regex((string)objectIds.AttributeArguments("ValidatePatternAttribute")!.Single()!);
        Assert.Matches(guid, "e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce");
        Assert.DoesNotMatch(guid, "Backup Management Service");
        Assert.DoesNotMatch(guid, "e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce; drop");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Environment_accepts_only_the_known_clouds(string edition)
    {
        var property = Cmdlet(edition).Parameter("Environment").Property;
        var validateSet = Assert.Single(property.GetCustomAttributesData(), a => a.AttributeType.Name == "ValidateSetAttribute");
        Assert.Equal(new object?[] { "AzureCloud", "AzureUSGovernment", "AzureChinaCloud" }, CmdletMetadata.ArrayArgument(validateSet));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void AccessToken_also_takes_a_plain_string(string edition)
    {
        var parameter = Cmdlet(edition).Parameter("AccessToken");
        var transformation = Assert.Single(parameter.Property.GetCustomAttributesData(),
            a => a.AttributeType.BaseType?.FullName == "System.Management.Automation.ArgumentTransformationAttribute");
        Assert.Equal("SecureStringTransformationAttribute", transformation.AttributeType.Name);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Outputs_CheckResult(string edition)
    {
        var output = Assert.Single(Cmdlet(edition).OutputTypes);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult", output.FullName);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Only_reads_so_it_does_not_offer_WhatIf(string edition)
        => Assert.False(Cmdlet(edition).SupportsShouldProcess);

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
