using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>A knowledge base entry found for an error, before it is put into the diagnosis language.</summary>
    internal sealed class EntryMatch
    {
        public EntryMatch(ErrorEntry entry, double score, MatchSource by, string matchedText)
        {
            Entry = entry;
            Score = score;
            By = by;
            MatchedText = matchedText;
        }

        public ErrorEntry Entry { get; }
        public double Score { get; }
        public MatchSource By { get; }
        public string MatchedText { get; }

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
