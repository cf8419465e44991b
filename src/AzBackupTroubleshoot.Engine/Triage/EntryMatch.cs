using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>A knowledge base entry found for an error, before it is put into the diagnosis language.</summary>
    internal sealed record EntryMatch(ErrorEntry Entry, double Score, MatchSource By, string MatchedText)
    {
        public KnowledgeMatch Localize(KnowledgeLanguage language) => new KnowledgeMatch
        {
            Code = Entry.Code,
            Title = Entry.Title.For(language),
            Score = System.Math.Round(Score, 3),
            MatchedBy = By,
            MatchedText = MatchedText,
        };
    }
}
