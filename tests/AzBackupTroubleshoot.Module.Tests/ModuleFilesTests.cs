using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The manifest, formats and help of the built module agree with the cmdlets the assembly really has.</summary>
public class ModuleFilesTests
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static IReadOnlyList<CmdletInfo> Cmdlets => CmdletMetadata.Of("Core").Cmdlets;

    private static string Manifest => File.ReadAllText(Path.Combine(ModuleFolder.Root, ModuleFolder.ModuleName + ".psd1"));

    /// <summary>The quoted strings of a manifest key: Key = 'a' or Key = @('a', 'b').</summary>
    private static List<string> ManifestList(string key)
    {
        var match = Regex.Match(Manifest, @"^\s*" + key + @"\s*=\s*(@\((?<v>[^)]*)\)|(?<v>'[^']*'))", RegexOptions.Multiline);
        Assert.True(match.Success, key + " is missing from the manifest");
        return Regex.Matches(match.Groups["v"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void Both_builds_export_the_same_cmdlets()
        => Assert.Equal(Cmdlets.Select(c => c.Name).OrderBy(n => n), CmdletMetadata.Of("Desktop").Cmdlets.Select(c => c.Name).OrderBy(n => n));

    [Fact]
    public void CmdletsToExport_lists_exactly_the_cmdlets_of_the_assembly()
        => Assert.Equal(Cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal),
            ManifestList("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void The_manifest_loads_the_root_script_on_both_editions_from_PowerShell_5_1()
    {
        Assert.Equal(new[] { "AzBackupTroubleshoot.psm1" }, ManifestList("RootModule"));
        Assert.True(File.Exists(Path.Combine(ModuleFolder.Root, "AzBackupTroubleshoot.psm1")));
        Assert.Equal(new[] { "Desktop", "Core" }, ManifestList("CompatiblePSEditions"));
        Assert.Equal(new[] { "5.1" }, ManifestList("PowerShellVersion"));
        Assert.True(Guid.TryParse(Assert.Single(ManifestList("GUID")), out _));
        Assert.Empty(ManifestList("FunctionsToExport"));
    }

    [Fact]
    public void The_root_script_imports_the_build_of_the_running_edition()
    {
        var script = File.ReadAllText(Path.Combine(ModuleFolder.Root, "AzBackupTroubleshoot.psm1"));
        Assert.Contains("$PSEdition", script);
        Assert.Contains("bin/$edition/AzBackupTroubleshoot.dll", script);
    }

    [Fact]
    public void Each_format_file_exists_and_has_table_and_list_views_for_every_output_type()
    {
        var formats = ManifestList("FormatsToProcess");
        Assert.NotEmpty(formats);
        var views = formats.Select(f => Path.Combine(ModuleFolder.Root, f))
            .SelectMany(path => { Assert.True(File.Exists(path), path + " is missing"); return XDocument.Load(path).Descendants("View"); })
            .ToList();
        foreach (var output in Cmdlets.SelectMany(c => c.OutputTypes).Select(t => t.FullName!).Distinct())
        {
            var forType = views.Where(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == output).ToList();
            Assert.Contains(forType, v => v.Element("TableControl") != null);
            Assert.Contains(forType, v => v.Element("ListControl") != null);
        }
    }

    [Fact]
    public void The_CheckResult_table_shows_vm_check_status_codes_and_message()
    {
        var table = XDocument.Load(Path.Combine(ModuleFolder.Root, "AzBackupTroubleshoot.format.ps1xml")).Descendants("View")
            .Single(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == "AzBackupTroubleshoot.Checks.CheckResult" && v.Element("TableControl") != null);
        Assert.Equal(new[] { "VmName", "CheckId", "Status", "Codes", "Message" },
            table.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value));
        var items = table.Descendants("TableColumnItem").ToList();
        Assert.Equal(5, items.Count);
        // Codes is an array: it is joined rather than printed as {a, b...}.
        Assert.Contains("-join", items[3].Element("ScriptBlock")?.Value);
    }

    public static readonly TheoryData<string> HelpFolders = new() { "", "bin/Core", "bin/Desktop" };

    [Theory]
    [MemberData(nameof(HelpFolders))]
    public void Help_documents_every_cmdlet_with_description_examples_and_every_parameter(string folder)
    {
        var path = Path.Combine(ModuleFolder.Root, folder, "en-US", "AzBackupTroubleshoot.dll-Help.xml");
        var commands = XDocument.Load(path).Descendants(Command + "command").ToList();
        foreach (var cmdlet in Cmdlets)
        {
            var help = Assert.Single(commands, c => c.Element(Command + "details")?.Element(Command + "name")?.Value == cmdlet.Name);
            Assert.False(string.IsNullOrWhiteSpace(help.Element(Command + "details")?.Element(Maml + "description")?.Value), cmdlet.Name + " has no synopsis");
            Assert.False(string.IsNullOrWhiteSpace(help.Element(Maml + "description")?.Value), cmdlet.Name + " has no description");

            // One syntax block per parameter set, each listing that set's parameters.
            var syntax = help.Element(Command + "syntax")!.Elements(Command + "syntaxItem")
                .Select(i => i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).OrderBy(n => n).ToList()).ToList();
            var sets = cmdlet.ParameterSets.DefaultIfEmpty(CmdletMetadata.AllParameterSets).ToList();
            Assert.Equal(sets.Count, syntax.Count);
            foreach (var set in sets)
            {
                var inSet = cmdlet.Parameters.Where(p => p.In(set) != null || p.In(CmdletMetadata.AllParameterSets) != null).Select(p => p.Name).OrderBy(n => n).ToList();
                Assert.Contains(syntax, names => names.SequenceEqual(inSet));
            }

            var examples = help.Descendants(Command + "example").ToList();
            Assert.NotEmpty(examples);
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value)));

            var documented = help.Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value, p => p.Element(Maml + "description")?.Value ?? "");
            foreach (var parameter in cmdlet.Parameters)
            {
                Assert.True(documented.ContainsKey(parameter.Name), $"{cmdlet.Name} -{parameter.Name} is not in the help");
                Assert.False(string.IsNullOrWhiteSpace(documented[parameter.Name]), $"{cmdlet.Name} -{parameter.Name} has no description");
            }
            // And nothing documented that the cmdlet no longer has.
            Assert.Empty(documented.Keys.Except(cmdlet.Parameters.Select(p => p.Name)));
        }
    }
}
