using System.Linq;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Knowledge.Matching;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>Every error the seed documents name is in the knowledge base, and the base quotes the seeds faithfully.</summary>
public class SeedCoverageTests
{
    [Fact]
    public void The_committed_code_list_matches_the_seeds()
    {
        if (SeedFiles.Directory == null) return; // shared/ not beside the repo: the committed list is all there is.
        var extracted = SeedFiles.ExtractCodes(SeedFiles.Texts);
        Assert.Equal(5, SeedFiles.Texts.Count);
        Assert.Equal(extracted.ToList(), SeedFiles.CommittedCodes.OrderBy(c => c, System.StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Every_seed_code_has_an_entry()
    {
        var codes = SeedFiles.Directory != null ? SeedFiles.ExtractCodes(SeedFiles.Texts).ToList() : SeedFiles.CommittedCodes.ToList();
        Assert.True(codes.Count >= 40, $"only {codes.Count} codes extracted; the patterns no longer fit the seeds");
        var missing = codes.Where(c => KnowledgeBase.Default.FindByCode(c) == null).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Code_extraction_ignores_words_and_url_parameters()
    {
        var codes = SeedFiles.ExtractCodes(new[]
        {
            "Click **Extensions**. See https://go.microsoft.com/fwlink/?LinkID=394789&clcid=0x409 .",
            "**Codice di errore:** UserErrorFsFreezeFailed <br> (ID: 34513) Errore 34506. and 0x80070570",
        });
        Assert.Equal(new[] { "0x80070570", "34506", "ID34513", "UserErrorFsFreezeFailed" }, codes.ToArray());
    }

    [Fact]
    public void Every_italian_and_portuguese_message_is_quoted_from_a_seed()
    {
        if (SeedFiles.Directory == null) return;
        var seeds = SeedFiles.Texts.Select(t => " " + string.Join(" ", TextNormalizer.Words(t)) + " ").ToList();
        var notQuoted = KnowledgeBase.Default.Entries
            .SelectMany(e => e.Messages.It.Concat(e.Messages.Pt).Select(m => (e.Code, m)))
            .Where(p => !seeds.Any(s => s.Contains(" " + string.Join(" ", TextNormalizer.Words(p.m)) + " ")))
            .Select(p => $"{p.Code}: {p.m}").ToList();
        Assert.Empty(notQuoted);
    }
}
