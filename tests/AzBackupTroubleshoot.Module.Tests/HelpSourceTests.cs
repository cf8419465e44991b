using System.Text.RegularExpressions;
using AzBackupTroubleshoot.HelpGen;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// The help is written once, in module/help/*.md, and the MAML is generated from it and the cmdlet assembly at build.
/// These tests run the generator on the built Core assembly and on altered copies of the markdown.
/// </summary>
public sealed class HelpSourceTests : IDisposable
{
    private static readonly string Source = Path.Combine(Path.GetDirectoryName(ModuleFolder.Root)!, "..", "module", "help");
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "azbt-help-" + Guid.NewGuid().ToString("N"));

    public HelpSourceTests()
    {
        Directory.CreateDirectory(_copy);
        foreach (var file in Directory.GetFiles(Source)) File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private static readonly Lazy<List<CmdletModel>> Cmdlets = new(() => CmdletReader.Read(ModuleFolder.ModuleAssembly("Core"),
        Directory.GetFiles(ModuleFolder.Dependencies("Core"), "*.dll").Append(ModuleFolder.PowerShellReferenceAssembly())));

    private HelpGenerator.Result Generate() => HelpGenerator.Generate(Cmdlets.Value, _copy);

    private void Edit(string file, Func<string, string> change)
    {
        var path = Path.Combine(_copy, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    [Fact]
    public void The_built_help_is_what_the_markdown_and_the_cmdlets_give()
    {
        var result = Generate();
        Assert.Empty(result.Errors);
        foreach (var folder in new[] { "", "bin/Core", "bin/Desktop" })
            Assert.Equal(HelpGenerator.ToText(result.Maml!), File.ReadAllText(Path.Combine(ModuleFolder.Root, folder, "en-US", "AzBackupTroubleshoot.dll-Help.xml")));
    }

    [Fact]
    public void A_parameter_the_cmdlet_does_not_have_fails_naming_file_line_and_parameter()
    {
        Edit("Stop-AzVmBackupJob.md", md => md.Replace("## PARAMETERS\n", "## PARAMETERS\n\n### -JobName\n\nThe job's name.\n"));
        var result = Generate();
        Assert.Null(result.Maml);
        var error = Assert.Single(result.Errors);
        Assert.Matches(@"Stop-AzVmBackupJob\.md\(\d+\): error AZBTHELP: Stop-AzVmBackupJob has no parameter -JobName", error);
    }

    [Fact]
    public void A_parameter_with_no_text_fails_naming_the_cmdlet_and_parameter()
    {
        Edit("Stop-AzVmBackupJob.md", md => Regex.Replace(md, @"### -Deadline\n.*?(?=\n## )", "", RegexOptions.Singleline));
        var error = Assert.Single(Generate().Errors);
        Assert.Contains("Stop-AzVmBackupJob -Deadline has no text: add '### -Deadline' under ## PARAMETERS in Stop-AzVmBackupJob.md", error);
    }

    [Fact]
    public void A_shared_text_that_is_missing_fails_for_every_cmdlet_that_relied_on_it()
    {
        Edit(HelpGenerator.CommonFile, md => Regex.Replace(md, @"### -TenantId\n.*?(?=\n### )", "", RegexOptions.Singleline));
        var errors = Generate().Errors;
        var expected = Cmdlets.Value.Where(c => c.Parameters.Any(p => p.Name == "TenantId")).Select(c => c.Name).ToList();
        Assert.True(expected.Count > 5);
        Assert.Equal(expected.Select(c => c + " -TenantId has no text").OrderBy(e => e), errors.Select(e => Regex.Match(e, @"\S+ -TenantId has no text").Value).OrderBy(e => e));
    }

    [Fact]
    public void A_cmdlet_without_markdown_fails()
    {
        File.Delete(Path.Combine(_copy, "Start-AzVmBackup.md"));
        Assert.Contains(Generate().Errors, e => e.EndsWith("error AZBTHELP: Start-AzVmBackup has no help; write Start-AzVmBackup.md (see docs/module.md, Help)"));
    }

    [Fact]
    public void Metadata_is_not_written_in_the_markdown()
    {
        Edit("Stop-AzVmBackupJob.md", md => md.Replace("Default value: 00:30:00", "Default value: 00:30:00\nAliases: Timeout"));
        Assert.Contains(Generate().Errors, e => e.Contains("'Aliases: Timeout' is not for the markdown"));
    }

    [Fact]
    public void A_cmdlet_overrides_a_shared_text_with_its_own()
    {
        Edit("Stop-AzVmBackupJob.md", md => md.Replace("## INPUTS\n", "### -TenantId\n\nThe tenant of the vault.\n\n## INPUTS\n"));
        var maml = Generate().Maml!;
        string TenantText(string cmdlet) => maml.Descendants().Single(e => e.Name.LocalName == "command" && e.Elements().First().Elements().First().Value == cmdlet)
            .Elements().Single(e => e.Name.LocalName == "parameters").Elements()
            .Single(p => p.Elements().First().Value == "TenantId").Elements().Single(e => e.Name.LocalName == "description").Value;
        Assert.Equal("The tenant of the vault.", TenantText("Stop-AzVmBackupJob"));
        Assert.Equal("The Microsoft Entra tenant to sign in to when the default credential chain is used.", TenantText("Start-AzVmBackup"));
    }

    [Fact]
    public void No_cmdlet_repeats_a_shared_text_word_for_word()
    {
        var errors = new List<string>();
        var shared = HelpMarkdown.Read(Path.Combine(Source, HelpGenerator.CommonFile), errors, intro: true).Parameters;
        foreach (var file in Directory.GetFiles(Source, "*-*.md").Where(f => !Path.GetFileName(f).StartsWith('_')))
            foreach (var own in HelpMarkdown.Read(file, errors).Parameters)
            {
                var common = shared.FirstOrDefault(s => s.Name == own.Name);
                Assert.False(common != null && common.Description.SequenceEqual(own.Description) && common.DefaultValue == own.DefaultValue,
                    $"{Path.GetFileName(file)} repeats the shared text of -{own.Name}; delete it there");
            }
        Assert.Empty(errors);
    }
}
