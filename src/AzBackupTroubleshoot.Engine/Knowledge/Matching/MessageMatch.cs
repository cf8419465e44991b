namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>How a match was found.</summary>
    public enum MatchKind
    {
        /// <summary>The entry's code (or an alias or numeric code) appears literally in the text.</summary>
        Code,
        /// <summary>The text resembles one of the entry's messages or titles.</summary>
        Message,
    }

    /// <summary>One candidate explanation of a pasted error text.</summary>
    public sealed class MessageMatch
    {
        /// <summary>Scores at or above this are reported as confident.</summary>
        public const double ConfidenceThreshold = 0.5;

        public MessageMatch(ErrorEntry entry, double score, MatchKind kind, string matchedText)
        {
            Entry = entry;
            Score = score;
            Kind = kind;
            MatchedText = matchedText;
        }

        public ErrorEntry Entry { get; }

        /// <summary>0..1; 1 for a literal code.</summary>
        public double Score { get; }

        public MatchKind Kind { get; }

        /// <summary>The code, message or title of the entry that matched (why this entry was chosen).</summary>
        public string MatchedText { get; }

        public bool IsConfident => Score >= ConfidenceThreshold;

        public override string ToString() => $"{Entry.Code} {Score:0.00} ({Kind}: {MatchedText})";
    }
}
