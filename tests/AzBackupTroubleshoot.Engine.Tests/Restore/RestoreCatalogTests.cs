using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Restore;

namespace AzBackupTroubleshoot.Engine.Tests.Restore;

/// <summary>The restore pre-check registry: stable ids, known error codes, a documented section each.</summary>
public sealed class RestoreCatalogTests
{
    [Fact]
    public void Ids_are_unique_and_start_with_Restore()
    {
        var ids = AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<RestorePreCheck>().Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^Restore\\.[A-Z][A-Za-z]+$"), id));
    }

    [Fact]
    public void Every_error_code_is_in_the_knowledge_base()
    {
        var unknown = AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<RestorePreCheck>().SelectMany(c => c.ErrorCodes.Select(code => (c.Id, code)))
            .Where(p => KnowledgeBase.Default.FindByCode(p.code) == null).ToList();
        Assert.True(unknown.Count == 0, "Codes not in the knowledge base: " + string.Join(", ", unknown.Select(u => $"{u.Id}:{u.code}")));
    }

    [Fact]
    public void Every_pre_check_has_a_section_in_docs_restore_checks()
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "restore-checks.md"));
        Assert.All(AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<RestorePreCheck>(), c =>
        {
            Assert.Contains("\n## " + c.Id + "\n", page.Replace("\r\n", "\n"));
            Assert.Equal("docs/restore-checks.md#" + c.Id.Replace(".", "").ToLowerInvariant(), c.DocPage);
        });
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (AzBackupTroubleshoot.sln) is not above " + AppContext.BaseDirectory);
    }
}
