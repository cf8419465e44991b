namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The built folder is the module: each edition has its cmdlet assembly, and its dependencies apart.</summary>
public class LayoutTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_engine_and_the_Azure_SDK_live_in_Dependencies_only(string edition)
    {
        Assert.True(File.Exists(ModuleFolder.ModuleAssembly(edition)));
        var dependencies = Directory.GetFiles(ModuleFolder.Dependencies(edition), "*.dll").Select(Path.GetFileName).ToList();
        Assert.Contains("AzBackupTroubleshoot.Engine.dll", dependencies);
        Assert.Contains("Azure.Core.dll", dependencies);
        Assert.Contains("Azure.Identity.dll", dependencies);
        Assert.Contains("Azure.ResourceManager.dll", dependencies);
        Assert.Empty(Directory.GetFiles(ModuleFolder.Edition(edition), "Azure.*.dll"));
        Assert.Empty(Directory.GetFiles(ModuleFolder.Edition(edition), "AzBackupTroubleshoot.Engine.dll"));
    }

    [Fact]
    public void The_Desktop_closure_carries_what_NET_Framework_lacks()
    {
        var dependencies = Directory.GetFiles(ModuleFolder.Dependencies("Desktop"), "*.dll").Select(Path.GetFileName).ToList();
        Assert.Contains("System.Memory.dll", dependencies);
        Assert.Contains("System.Text.Json.dll", dependencies);
        Assert.Contains("Microsoft.Bcl.AsyncInterfaces.dll", dependencies);
        Assert.Contains("System.Threading.Tasks.Extensions.dll", dependencies);
    }

    [Fact]
    public void PowerShell_itself_is_never_shipped()
        => Assert.Empty(Directory.GetFiles(ModuleFolder.Root, "System.Management.Automation.dll", SearchOption.AllDirectories));

    [Theory]
    [InlineData("Core", ".NETCoreApp,Version=v8.0")]
    [InlineData("Desktop", ".NETStandard,Version=v2.0")]
    public void Each_edition_holds_the_build_its_PowerShell_can_load(string edition, string targetFramework)
    {
        var attribute = CmdletMetadata.Of(edition).Assembly.GetCustomAttributesData()
            .Single(a => a.AttributeType.FullName == "System.Runtime.Versioning.TargetFrameworkAttribute");
        Assert.Equal(targetFramework, attribute.ConstructorArguments[0].Value);
    }
}
