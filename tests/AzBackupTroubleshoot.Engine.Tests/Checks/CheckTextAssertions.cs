using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>Outcomes carry texts as keys and values; tests that read the wording render them in English.</summary>
internal static class CheckTextAssertions
{
    public static string English(this CheckText? text) => text?.Render(KnowledgeLanguage.En) ?? "";
}
