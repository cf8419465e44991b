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
    public void The_module_exports_the_readiness_triage_restore_repair_and_knowledge_cmdlets()
        => Assert.Equal(
            new[]
            {
                "Export-AzBackupInventory", "Export-AzBackupReadinessReport", "Get-AzBackupErrorInfo", "Get-AzVmBackupFailure", "Invoke-AzBackupCompliance", "Repair-AzRestorePointCollection", "Repair-AzVmBackupExtension", "Restore-AzBackupLock", "Start-AzVmBackup",
                "Stop-AzVmBackupJob", "Test-AzVmBackupReadiness", "Test-AzVmRestoreReadiness",
            },
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
        // The module's own output types; a FileInfo or Pester's result object keeps PowerShell's (or Pester's) views.
        foreach (var output in Cmdlets.SelectMany(c => c.OutputTypes).Select(t => t.FullName!).Where(n => n.StartsWith("AzBackupTroubleshoot.", StringComparison.Ordinal)).Distinct())
        {
            var forType = views.Where(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == output).ToList();
            Assert.Contains(forType, v => v.Element("TableControl") != null);
            Assert.Contains(forType, v => v.Element("ListControl") != null);
        }
    }

    [Fact]
    public void The_CheckResult_table_shows_vm_check_status_and_message_on_one_line()
    {
        var table = TableView("AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult");
        Assert.Equal(new[] { "VmName", "CheckId", "Status", "Message" }, Labels(table));
        Assert.Equal(new[] { "VmName", "CheckId", "Status", "Message" }, table.Descendants("TableColumnItem").Select(i => i.Element("PropertyName")?.Value));
        // No <Wrap/>: a row is one line, the message is cut with an ellipsis rather than wrapped mid-word (Format-List shows it all).
        Assert.Empty(table.Descendants("Wrap"));
    }

    private static XElement TableView(string typeName)
        => XDocument.Load(Path.Combine(ModuleFolder.Root, "AzBackupTroubleshoot.format.ps1xml")).Descendants("View")
            .Single(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == typeName && v.Element("TableControl") != null);

    private static List<string> Labels(XElement view) => view.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value).ToList();

    [Fact]
    public void The_RepairRecord_table_shows_status_action_target_name_and_message()
    {
        var table = TableView("AzBackupTroubleshoot.PowerShell.Output.BackupRepairRecord");
        Assert.Equal(new[] { "Status", "Action", "Target", "Message" }, Labels(table));
        var items = table.Descendants("TableColumnItem").ToList();
        Assert.Equal(new[] { "Status", "Action", null, "Message" }, items.Select(i => i.Element("PropertyName")?.Value));
        // Targets are full ARM ids; the table shows the last segment, the resource's name.
        Assert.Contains("Split('/')[-1]", items[2].Element("ScriptBlock")?.Value);
    }

    [Theory]
    [InlineData("AzBackupTroubleshoot.PowerShell.Output.BackupErrorInfo", new[] { "Code", "Area", "Title" })]
    [InlineData("AzBackupTroubleshoot.PowerShell.Output.BackupErrorMatch", new[] { "Score", "Code", "Area", "Title" })]
    public void The_knowledge_base_tables_show_code_area_title_and_score(string typeName, string[] labels)
    {
        var table = TableView(typeName);
        Assert.Equal(labels, Labels(table));
        // Every column reads a property the type really has (scores are formatted by a script block).
        var type = CmdletMetadata.Of("Core").Assembly.GetType(typeName, throwOnError: true)!;
        foreach (var property in table.Descendants("PropertyName").Select(p => p.Value))
            Assert.NotNull(type.GetProperty(property));
    }

    [Fact]
    public void The_diagnosis_table_shows_vm_short_job_status_matched_code_and_cause()
    {
        const string typeName = "AzBackupTroubleshoot.PowerShell.Output.BackupJobDiagnosis";
        var table = TableView(typeName);
        Assert.Equal(new[] { "VmName", "Job", "Code", "MostLikelyCause" }, Labels(table));
        var items = table.Descendants("TableColumnItem").ToList();
        Assert.Equal(new[] { "VmName", null, null, "MostLikelyCause" }, items.Select(i => i.Element("PropertyName")?.Value));
        // The code is the matched entry's, inside the nested Match, else the job's own error title.
        Assert.Contains("$_.Match.Code", items[2].Element("ScriptBlock")?.Value);
        Assert.Empty(table.Descendants("Wrap"));

        var type = CmdletMetadata.Of("Core").Cmdlet("Get-AzVmBackupFailure").OutputTypes.Single();
        Assert.Equal(typeName, type.FullName);
        Assert.Equal("Code", type.GetProperty("Match")!.PropertyType.GetProperty("Code")?.Name);
        foreach (var property in table.Descendants("PropertyName").Select(p => p.Value))
            Assert.NotNull(type.GetProperty(property));
    }

    [Fact]
    public void The_diagnosis_list_shows_every_property_of_the_diagnosis()
    {
        var list = XDocument.Load(Path.Combine(ModuleFolder.Root, "AzBackupTroubleshoot.format.ps1xml")).Descendants("View")
            .Single(v => v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == "AzBackupTroubleshoot.PowerShell.Output.BackupJobDiagnosis" && v.Element("ListControl") != null);
        // A list item names its property, or labels a script block after the property it formats.
        var shown = list.Descendants("ListItem").Select(i => i.Element("PropertyName")?.Value ?? i.Element("Label")!.Value).ToList();
        var type = CmdletMetadata.Of("Core").Cmdlet("Get-AzVmBackupFailure").OutputTypes.Single();
        Assert.Equal(type.GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), shown.OrderBy(n => n, StringComparer.Ordinal));
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

            // One syntax block per parameter set, each listing that set's parameters (and -WhatIf/-Confirm when it has them).
            var shouldProcess = cmdlet.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : Array.Empty<string>();
            var syntax = help.Element(Command + "syntax")!.Elements(Command + "syntaxItem")
                .Select(i => i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).OrderBy(n => n).ToList()).ToList();
            var sets = cmdlet.ParameterSets.DefaultIfEmpty(CmdletMetadata.AllParameterSets).ToList();
            Assert.Equal(sets.Count, syntax.Count);
            foreach (var set in sets)
            {
                var inSet = cmdlet.Parameters.Where(p => p.In(set) != null || p.In(CmdletMetadata.AllParameterSets) != null).Select(p => p.Name)
                    .Concat(shouldProcess).OrderBy(n => n).ToList();
                Assert.Contains(syntax, names => names.SequenceEqual(inSet));
            }

            var examples = help.Descendants(Command + "example").ToList();
            Assert.NotEmpty(examples);
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value)));

            var documented = help.Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value, p => p.Element(Maml + "description")?.Value ?? "");
            var parameterNames = cmdlet.Parameters.Select(p => p.Name).Concat(shouldProcess).ToList();
            foreach (var name in parameterNames)
            {
                Assert.True(documented.ContainsKey(name), $"{cmdlet.Name} -{name} is not in the help");
                Assert.False(string.IsNullOrWhiteSpace(documented[name]), $"{cmdlet.Name} -{name} has no description");
            }
            // And nothing documented that the cmdlet no longer has.
            Assert.Empty(documented.Keys.Except(parameterNames));
        }
    }

    [Theory]
    [MemberData(nameof(HelpFolders))]
    public void Help_shows_the_failure_diagnoses_in_Italian(string folder)
    {
        var path = Path.Combine(ModuleFolder.Root, folder, "en-US", "AzBackupTroubleshoot.dll-Help.xml");
        var help = XDocument.Load(path).Descendants(Command + "command")
            .Single(c => c.Element(Command + "details")?.Element(Command + "name")?.Value == "Get-AzVmBackupFailure");
        Assert.Contains(help.Descendants(Dev + "code"), code => code.Value.StartsWith("Get-AzVmBackupFailure") && code.Value.Contains("-Culture it-IT"));
    }

    [Theory]
    [MemberData(nameof(HelpFolders))]
    public void Help_shows_each_repair_run_unattended_from_a_runbook(string folder)
    {
        var path = Path.Combine(ModuleFolder.Root, folder, "en-US", "AzBackupTroubleshoot.dll-Help.xml");
        var commands = XDocument.Load(path).Descendants(Command + "command").ToList();
        foreach (var cmdlet in Cmdlets.Where(c => c.Verb == "Repair"))
        {
            var help = commands.Single(c => c.Element(Command + "details")?.Element(Command + "name")?.Value == cmdlet.Name);
            var codes = help.Descendants(Dev + "code").Select(c => c.Value).ToList();
            Assert.Contains(codes, code => code.Contains(cmdlet.Name) && code.Contains("-UseManagedIdentity") && code.Contains("-Confirm:$false"));
        }
    }
}
