using System;
using System.Globalization;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>The languages the knowledge base carries text in. English is the fallback for every other culture.</summary>
    public enum KnowledgeLanguage
    {
        En,
        It,
        Pt,
    }

    public static class KnowledgeLanguages
    {
        /// <summary>it-* → Italian, pt-* → Portuguese (the seeds are pt-BR), anything else → English.</summary>
        public static KnowledgeLanguage FromCulture(CultureInfo? culture)
        {
            var name = culture?.TwoLetterISOLanguageName ?? "en";
            if (string.Equals(name, "it", StringComparison.OrdinalIgnoreCase)) return KnowledgeLanguage.It;
            if (string.Equals(name, "pt", StringComparison.OrdinalIgnoreCase)) return KnowledgeLanguage.Pt;
            return KnowledgeLanguage.En;
        }

        /// <summary>The key used in the data files: "en", "it", "pt".</summary>
        public static string Key(this KnowledgeLanguage language) => language.ToString().ToLowerInvariant();
    }
}
