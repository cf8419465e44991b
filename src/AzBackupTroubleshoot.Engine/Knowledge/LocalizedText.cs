using System.Collections.Generic;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>One text in English, Italian and Portuguese. English is always present; the others fall back to it.</summary>
    public sealed class LocalizedText
    {
        public LocalizedText(string en, string? it, string? pt)
        {
            En = en;
            It = it;
            Pt = pt;
        }

        public string En { get; }
        public string? It { get; }
        public string? Pt { get; }

        /// <summary>The text in <paramref name="language"/>, or English when that translation is missing.</summary>
        public string For(KnowledgeLanguage language) => Exact(language) ?? En;

        /// <summary>The text in <paramref name="language"/> only, null when missing.</summary>
        public string? Exact(KnowledgeLanguage language) => language switch
        {
            KnowledgeLanguage.It => It,
            KnowledgeLanguage.Pt => Pt,
            _ => En,
        };
    }

    /// <summary>A list of texts per language (remediation steps, message variants). Missing languages are empty lists.</summary>
    public sealed class LocalizedList
    {
        public LocalizedList(IReadOnlyList<string> en, IReadOnlyList<string> it, IReadOnlyList<string> pt)
        {
            En = en;
            It = it;
            Pt = pt;
        }

        public IReadOnlyList<string> En { get; }
        public IReadOnlyList<string> It { get; }
        public IReadOnlyList<string> Pt { get; }

        /// <summary>The list in <paramref name="language"/>, or the English one when that language has none.</summary>
        public IReadOnlyList<string> For(KnowledgeLanguage language)
        {
            var exact = Exact(language);
            return exact.Count > 0 ? exact : En;
        }

        public IReadOnlyList<string> Exact(KnowledgeLanguage language) => language switch
        {
            KnowledgeLanguage.It => It,
            KnowledgeLanguage.Pt => Pt,
            _ => En,
        };
    }
}
