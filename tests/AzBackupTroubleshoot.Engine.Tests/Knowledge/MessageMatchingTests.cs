using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Knowledge.Matching;
using Xunit.Abstractions;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>
/// Measures message matching over every message in the base (the Italian and Portuguese ones are the seed text itself,
/// see SeedCoverageTests), clean and wrapped in the noise a job detail adds. The hit rates are printed; the numbers in
/// docs/knowledge-base.md come from this run.
/// </summary>
public class MessageMatchingTests
{
    private readonly ITestOutputHelper _output;

    public MessageMatchingTests(ITestOutputHelper output) => _output = output;

    private static KnowledgeBase Kb => KnowledgeBase.Default;

    private static IEnumerable<(ErrorEntry Entry, KnowledgeLanguage Language, string Message)> AllMessages()
        => Kb.Entries.SelectMany(e => new[] { KnowledgeLanguage.En, KnowledgeLanguage.It, KnowledgeLanguage.Pt }
            .SelectMany(l => e.Messages.Exact(l).Select(m => (e, l, m))));

    // Code-free wrappers: they must not let the code shortcut do the work.
    private static readonly Func<string, string>[] Noise =
    {
        m => $"Job failed. Error details: {m} (ActivityId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301)",
        m => $"2026-11-21T23:15:02.123Z ERROR \"{m}\" /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm01",
        m => $"[11/21/2026 10:15 PM] Dettagli errore / Detalhes do erro: {m}",
        m => TextNormalizer.Fold(m).ToUpperInvariant().Replace(".", "").Replace("'", " "),
    };

    [Fact]
    public void Every_message_ranks_its_own_entry_first()
    {
        var misses = Measure(m => m, "clean");
        Assert.Empty(misses);
    }

    [Fact]
    public void Every_message_wrapped_in_job_noise_still_ranks_first()
    {
        var misses = new List<string>();
        for (var i = 0; i < Noise.Length; i++)
            misses.AddRange(Measure(Noise[i], "noise #" + (i + 1)));
        Assert.Empty(misses);
    }

    [Fact]
    public void Damaged_pastes_mostly_rank_first()
    {
        // Harder than the above: the pasted text is not a message of the base any more. Only the rate is asserted;
        // the misses are printed to show where wording alone is ambiguous.
        var damaged = new (string Label, Func<string, string> Shape)[]
        {
            ("first half of the words", m => string.Join(" ", Half(m))),
            ("every third word dropped", m => string.Join(" ", m.Split(' ').Where((_, i) => i % 3 != 2))),
        };
        foreach (var (label, shape) in damaged)
        {
            var candidates = AllMessages().Where(p => p.Message.Split(' ').Length >= 6).ToList();
            var misses = Measure(shape, label, candidates);
            Assert.True(misses.Count <= candidates.Count / 10, $"{label}: {misses.Count} misses of {candidates.Count}");
        }
    }

    private static IEnumerable<string> Half(string message)
    {
        var words = message.Split(' ');
        return words.Take((words.Length + 1) / 2);
    }

    private List<string> Measure(Func<string, string> shape, string label)
        => Measure(shape, label, AllMessages().ToList());

    private List<string> Measure(Func<string, string> shape, string label, IReadOnlyList<(ErrorEntry Entry, KnowledgeLanguage Language, string Message)> messages)
    {
        var misses = new List<string>();
        var hits = new Dictionary<KnowledgeLanguage, (int Hit, int Total)>();
        foreach (var (entry, language, message) in messages)
        {
            var top = Kb.Match(shape(message), 1);
            var hit = top.Count == 1 && top[0].Entry == entry && top[0].IsConfident;
            hits.TryGetValue(language, out var counts);
            hits[language] = (counts.Hit + (hit ? 1 : 0), counts.Total + 1);
            if (!hit) misses.Add($"[{label}] {entry.Code} ({language.Key()}): got {(top.Count == 0 ? "nothing" : top[0].ToString())} for \"{message}\"");
        }
        var total = (Hit: hits.Values.Sum(h => h.Hit), Total: hits.Values.Sum(h => h.Total));
        _output.WriteLine($"{label}: " + string.Join(", ", hits.OrderBy(h => h.Key).Select(h => $"{h.Key.Key()} {h.Value.Hit}/{h.Value.Total}"))
            + $", total {total.Hit}/{total.Total} ({100.0 * total.Hit / total.Total:0.0}%)");
        foreach (var miss in misses) _output.WriteLine(miss);
        return misses;
    }

    [Theory]
    [InlineData("Preheat the oven to 180 degrees, then mix the flour with the sugar and two eggs.")]
    [InlineData("Msg 18456, Level 14, State 1, Line 1. Login failed for user 'sa'.")]
    [InlineData("Msg 1205, Level 13, State 51. Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.")]
    [InlineData("Mescolare la farina con lo zucchero e cuocere in forno per venti minuti.")]
    [InlineData("Misture a farinha com o açúcar e asse por vinte minutos.")]
    [InlineData("The quick brown fox jumps over the lazy dog.")]
    [InlineData("HTTP 403 Forbidden")]
    public void Unrelated_text_has_no_confident_match(string text)
    {
        var matches = Kb.Match(text);
        _output.WriteLine(matches.Count == 0 ? "no candidate" : "best: " + matches[0]);
        Assert.DoesNotContain(matches, m => m.IsConfident);
    }

    [Fact]
    public void A_code_in_the_text_dominates_the_wording()
    {
        // The code says FsFreeze while the words are those of another entry's message.
        var text = "Error code: UserErrorFsFreezeFailed. Message: Snapshot operation failed because VSS writers were in a bad state.";
        var matches = Kb.Match(text);
        Assert.Equal("UserErrorFsFreezeFailed", matches[0].Entry.Code);
        Assert.Equal(MatchKind.Code, matches[0].Kind);
        Assert.Equal(1.0, matches[0].Score);
        Assert.Equal("ExtensionFailedVssWriterInBadState", matches[1].Entry.Code);
        Assert.Equal(MatchKind.Message, matches[1].Kind);
    }

    [Theory]
    [InlineData("Backup failed. (ID: 34513)", "ID34513")]
    [InlineData("errorCode: 320001", "320001")]
    [InlineData("Errore 34506", "34506")]
    [InlineData("LastBackupFailedFiles: 0x8007018b C:\\Users\\me\\OneDrive\\a.docx", "0x8007018b")]
    [InlineData("BackUpOperationFailedV2 - retry later", "BackUpOperationFailed")]
    [InlineData("Error details.UserErrorFsFreezeFailed", "UserErrorFsFreezeFailed")]
    [InlineData("see NoCode.AzureVmNotFound.", "NoCode.AzureVmNotFound")]
    public void Codes_are_found_in_their_usual_spellings(string text, string expected)
    {
        var first = Kb.Match(text)[0];
        Assert.Equal(expected, first.Entry.Code);
        Assert.Equal(MatchKind.Code, first.Kind);
    }

    [Fact]
    public void Short_numbers_are_not_taken_for_codes()
    {
        // 403 and 407 are MARS ids too, but bare they are far more often HTTP statuses.
        Assert.DoesNotContain(Kb.Match("The server returned 403 and then 407."), m => m.Kind == MatchKind.Code);
    }

    [Fact]
    public void Scores_are_ranked_and_bounded()
    {
        var matches = Kb.Match("Impossibile comunicare con l'agente della macchina virtuale per lo stato dello snapshot", 10);
        Assert.NotEmpty(matches);
        Assert.All(matches, m => Assert.InRange(m.Score, 0.0, 1.0));
        Assert.Equal(matches.Select(m => m.Score).OrderByDescending(s => s), matches.Select(m => m.Score));
        Assert.Equal(matches.Count, matches.Select(m => m.Entry).Distinct().Count());
    }

    [Fact]
    public void A_partial_paste_still_finds_the_entry()
    {
        var first = Kb.Match("não foi possível copiar o instantâneo da máquina virtual")[0];
        Assert.Equal("UserErrorBCMPremiumStorageQuotaError", first.Entry.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ... ???")]
    public void Empty_text_gives_no_matches(string text) => Assert.Empty(Kb.Match(text));

    [Fact]
    public void Top_limits_the_result() => Assert.Single(Kb.Match("snapshot failed", 1));
}
