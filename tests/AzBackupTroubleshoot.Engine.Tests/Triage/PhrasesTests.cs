using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Triage;

/// <summary>knowledge/messages.json: every phrase in three languages, with the same placeholders.</summary>
public class PhrasesTests
{
    [Fact]
    public void Every_phrase_is_translated_with_the_same_placeholders()
    {
        var keys = Phrases.Default.Keys.ToList();
        Assert.Contains("noKnownCause", keys);
        foreach (var key in keys)
        {
            var text = Phrases.Default.All(key);
            Assert.False(string.IsNullOrWhiteSpace(text.It), $"{key} has no Italian text.");
            Assert.False(string.IsNullOrWhiteSpace(text.Pt), $"{key} has no Portuguese text.");
            var names = Placeholders(text.En);
            Assert.Equal(names, Placeholders(text.It!));
            Assert.Equal(names, Placeholders(text.Pt!));
        }
    }

    [Fact]
    public void Format_fills_every_placeholder()
    {
        var text = Phrases.Default.Format("failingCheck", KnowledgeLanguage.It, ("check", "Agent.Ready"), ("message", "not ready"));
        Assert.Equal("Il controllo di preparazione Agent.Ready trova la causa su questa VM: not ready", text);
        Assert.DoesNotContain("{", text);
    }

    [Fact]
    public void An_unknown_key_is_an_error_not_a_blank()
        => Assert.Throws<KeyNotFoundException>(() => Phrases.Default.Text("no.such.phrase", KnowledgeLanguage.En));

    private static List<string> Placeholders(string text)
        => Regex.Matches(text, @"\{(\w+)\}").Select(m => m.Groups[1].Value).OrderBy(n => n).ToList();
}
