using System.Collections.Generic;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>An entry's texts in one language, ready to show.</summary>
    public sealed class LocalizedErrorEntry
    {
        public LocalizedErrorEntry(string code, KnowledgeLanguage language, string title, string cause, IReadOnlyList<string> remediation, string? message)
        {
            Code = code;
            Language = language;
            Title = title;
            Cause = cause;
            Remediation = remediation;
            Message = message;
        }

        public string Code { get; }

        /// <summary>The language asked for; a text missing in it is shown in English.</summary>
        public KnowledgeLanguage Language { get; }

        public string Title { get; }
        public string Cause { get; }
        public IReadOnlyList<string> Remediation { get; }

        /// <summary>The product's error message as users see it, or null for conditions without one.</summary>
        public string? Message { get; }
    }
}
