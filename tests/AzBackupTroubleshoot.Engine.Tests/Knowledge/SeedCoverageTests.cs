using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Knowledge.Matching;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>Every error the seed documents name is in the knowledge base, and the base quotes the seeds faithfully.</summary>
public class SeedCoverageTests
{
    private readonly ITestOutputHelper _output;

    public SeedCoverageTests(ITestOutputHelper output) => _output = output;

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
    public void Every_message_quoted_in_the_seeds_finds_its_entry()
    {
        // Read the other way round from the test below: start from the seed text, not from the data.
        if (SeedFiles.Directory == null) return;
        var quoted = SeedFiles.ExtractMessages();
        Assert.True(quoted.Count >= 90, $"only {quoted.Count} messages extracted; the patterns no longer fit the seeds");
        var misses = new List<string>();
        foreach (var (seed, code, message) in quoted)
        {
            var best = KnowledgeBase.Default.Match(message, 1).FirstOrDefault();
            var expected = code == null ? null : KnowledgeBase.Default.FindByCode(code);
            var right = best != null && best.IsConfident
                && (expected != null ? best.Entry == expected : best.Entry.SeedRefs.Any(r => r.StartsWith(seed.Substring(0, 4), StringComparison.Ordinal)));
            if (!right) misses.Add($"{seed} [{code}] \"{message}\" -> {best}");
        }
        _output.WriteLine($"seed messages: {quoted.Count - misses.Count}/{quoted.Count} ranked first and confident");
        foreach (var miss in misses) _output.WriteLine(miss);
        Assert.Empty(misses);
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
