using AzBackupTroubleshoot.Knowledge.Matching;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

public class TextNormalizerTests
{
    [Fact]
    public void Folds_case_and_accents() => Assert.Equal("nao e possivel, ca", TextNormalizer.Fold("Não É possível, Ça"));

    [Fact]
    public void Splits_on_punctuation_and_drops_one_letter_words()
        => Assert.Equal(new[] { "agente", "non", "risponde" }, TextNormalizer.Words("L'agente non risponde!"));

    [Fact]
    public void Drops_guids_timestamps_urls_and_resource_ids()
    {
        var words = TextNormalizer.Words(
            "2026-11-21T23:15:02Z 10:15 PM 11/21/2026 (ActivityId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301) " +
            "https://portal.azure.com/#blade /subscriptions/1/resourceGroups/rg/providers/X/y failed");
        Assert.Equal(new[] { "activityid", "failed" }, words);
    }

    [Fact]
    public void Keeps_codes_as_words()
        => Assert.Equal(new[] { "id", "34513", "0x80070570" }, TextNormalizer.Words("(ID: 34513) 0x80070570"));
}
