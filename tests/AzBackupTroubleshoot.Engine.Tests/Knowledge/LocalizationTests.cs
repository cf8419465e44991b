using System.Globalization;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

public class LocalizationTests
{
    private static ErrorEntry Entry(string code) => KnowledgeBase.Default.FindByCode(code)!;

    [Fact]
    public void English_view()
    {
        var entry = Entry("320001");
        var view = entry.Localize(new CultureInfo("en-US"));
        Assert.Equal(KnowledgeLanguage.En, view.Language);
        Assert.Equal(entry.Title.En, view.Title);
        Assert.Equal(entry.Cause.En, view.Cause);
        Assert.Equal(entry.Remediation.En, view.Remediation);
        Assert.Equal("Could not perform the operation as VM no longer exists.", view.Message);
    }

    [Fact]
    public void Italian_view()
    {
        var entry = Entry("320001");
        var view = entry.Localize(new CultureInfo("it-IT"));
        Assert.Equal(KnowledgeLanguage.It, view.Language);
        Assert.Equal(entry.Title.It, view.Title);
        Assert.Equal(entry.Cause.It, view.Cause);
        Assert.Equal(entry.Remediation.It, view.Remediation);
        Assert.NotEqual(entry.Title.En, view.Title);
        Assert.Equal("Non è stato possibile eseguire l'operazione perché la macchina virtuale non esiste più.", view.Message);
    }

    [Fact]
    public void Portuguese_view()
    {
        var entry = Entry("320001");
        var view = entry.Localize(new CultureInfo("pt-BR"));
        Assert.Equal(KnowledgeLanguage.Pt, view.Language);
        Assert.Equal(entry.Title.Pt, view.Title);
        Assert.Equal(entry.Remediation.Pt, view.Remediation);
        Assert.NotEqual(entry.Cause.En, view.Cause);
        Assert.Equal("Não foi possível executar a operação, pois a VM não existe mais.", view.Message);
    }

    [Theory]
    [InlineData("fr-FR", KnowledgeLanguage.En)]
    [InlineData("de-DE", KnowledgeLanguage.En)]
    [InlineData("it-CH", KnowledgeLanguage.It)]
    [InlineData("pt-PT", KnowledgeLanguage.Pt)]
    [InlineData("", KnowledgeLanguage.En)]
    public void Cultures_map_to_a_language(string culture, KnowledgeLanguage expected)
        => Assert.Equal(expected, KnowledgeLanguages.FromCulture(new CultureInfo(culture)));

    [Fact]
    public void A_missing_message_translation_falls_back_to_english()
    {
        // The Portuguese seed has no row for this error, so Portuguese users see the English product message.
        var entry = Entry("UserErrorGuestAgentStatusUnavailable");
        Assert.Empty(entry.Messages.Pt);
        Assert.Equal(entry.Messages.En[0], entry.Localize(new CultureInfo("pt-BR")).Message);
        Assert.Equal(entry.Title.Pt, entry.Localize(new CultureInfo("pt-BR")).Title);
    }

    [Fact]
    public void Conditions_without_a_message_have_none()
        => Assert.Null(Entry("NoCode.MarsBasicPrerequisites").Localize(new CultureInfo("it-IT")).Message);
}
