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
    /// <param name="Entry">The entry matched.</param>
    /// <param name="Score">0..1; 1 for a literal code.</param>
    /// <param name="Kind">How it was found.</param>
    /// <param name="MatchedText">The code, message or title of the entry that matched (why this entry was chosen).</param>
    public sealed record MessageMatch(ErrorEntry Entry, double Score, MatchKind Kind, string MatchedText)
    {
        /// <summary>Scores at or above this are reported as confident.</summary>
        public const double ConfidenceThreshold = 0.5;

        public bool IsConfident => Score >= ConfidenceThreshold;

        public override string ToString() => $"{Entry.Code} {Score:0.00} ({Kind}: {MatchedText})";
    }
}
