using System.Collections.ObjectModel;
using System.Reflection;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The parameter contract of Get-AzBackupErrorInfo, as PowerShell will see it, in both builds.</summary>
public class GetAzBackupErrorInfoMetadataTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    private static CmdletInfo Cmdlet(string edition) => CmdletMetadata.Of(edition).Cmdlet("Get-AzBackupErrorInfo");

    [Theory]
    [MemberData(nameof(Editions))]
    public void Looks_up_by_code_by_default_or_matches_a_message(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal("ByCode", cmdlet.DefaultParameterSet);
        Assert.Equal(new[] { "ByCode", "ByMessage" }, cmdlet.ParameterSets.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Code_takes_piped_strings_and_Code_properties_and_completes_from_the_knowledge_base(string edition)
    {
        var code = Cmdlet(edition).Parameter("Code");
        Assert.Equal(typeof(string[]).FullName, code.Type.FullName);
        Assert.Equal(new ParameterUse("ByCode", Mandatory: true, FromPipeline: true, FromPipelineByPropertyName: true), Assert.Single(code.Uses));
        var completer = Assert.Single(code.AttributeArguments("ArgumentCompleterAttribute")!);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Parameters.ErrorCodeCompleter", ((Type)completer!).FullName);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Message_matching_has_a_bounded_top_and_an_opt_in_for_weak_matches(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal(new ParameterUse("ByMessage", Mandatory: true, FromPipeline: false, FromPipelineByPropertyName: false), Assert.Single(cmdlet.Parameter("Message").Uses));
        var top = cmdlet.Parameter("Top");
        Assert.Equal(typeof(int).FullName, top.Type.FullName);
        Assert.Equal(new object?[] { 1, 20 }, top.AttributeArguments("ValidateRangeAttribute"));
        Assert.Equal("ByMessage", Assert.Single(top.Uses).Set);
        var weak = cmdlet.Parameter("IncludeWeakMatches");
        Assert.Equal("System.Management.Automation.SwitchParameter", weak.Type.FullName);
        Assert.Equal("ByMessage", Assert.Single(weak.Uses).Set);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Culture_is_optional_in_both_sets_and_completes_the_known_languages(string edition)
    {
        var culture = Cmdlet(edition).Parameter("Culture");
        Assert.Equal(typeof(System.Globalization.CultureInfo).FullName, culture.Type.FullName);
        var use = Assert.Single(culture.Uses);
        Assert.Equal(CmdletMetadata.AllParameterSets, use.Set);
        Assert.False(use.Mandatory);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Parameters.KnowledgeCultureCompleter",
            ((Type)Assert.Single(culture.AttributeArguments("ArgumentCompleterAttribute")!)!).FullName);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Needs_no_connection(string edition)
    {
        var cmdlet = Cmdlet(edition);
        Assert.Equal("System.Management.Automation.PSCmdlet", cmdlet.Type.BaseType!.FullName);
        Assert.DoesNotContain(cmdlet.Parameters, p => p.Name is "AccessToken" or "ArmEndpoint" or "UseManagedIdentity");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Writes_an_error_info_by_code_and_a_match_by_message(string edition)
    {
        var outputs = Cmdlet(edition).Type.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .ToDictionary(
                a => ((Type)CmdletMetadata.ArrayArgument(a).Single()!).FullName!,
                a => string.Join(",", CmdletMetadata.Named<ReadOnlyCollection<CustomAttributeTypedArgument>>(a, "ParameterSetName")!.Select(v => (string)v.Value!)));
        Assert.Equal("ByCode", outputs["AzBackupTroubleshoot.PowerShell.Output.BackupErrorInfo"]);
        Assert.Equal("ByMessage", outputs["AzBackupTroubleshoot.PowerShell.Output.BackupErrorMatch"]);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_match_carries_its_error_and_the_shortcuts_the_views_show(string edition)
    {
        var match = CmdletMetadata.Of(edition).Assembly.GetType("AzBackupTroubleshoot.PowerShell.Output.BackupErrorMatch", throwOnError: true)!;
        var properties = match.GetProperties().ToDictionary(p => p.Name, p => p.PropertyType.FullName);
        Assert.Equal("System.Double", properties["Score"]);
        Assert.Equal("System.Boolean", properties["IsConfident"]);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupErrorInfo", properties["Error"]);
        foreach (var shortcut in new[] { "Code", "Area", "Title" }) Assert.Equal("System.String", properties[shortcut]);
    }
}
