using System.Globalization;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>One candidate explanation of a pasted error text: how sure the match is, and the error it points to.</summary>
    public sealed class BackupErrorMatch
    {
        public BackupErrorMatch(MessageMatch match, CultureInfo culture)
        {
            Score = match.Score;
            IsConfident = match.IsConfident;
            MatchedBy = match.Kind.ToString();
            MatchedText = match.MatchedText;
            Error = new BackupErrorInfo(match.Entry, culture);
        }

        /// <summary>0 to 1; 1 when the text names the code itself.</summary>
        public double Score { get; }

        /// <summary>True from a score of 0.5: below it the text only loosely resembles the error.</summary>
        public bool IsConfident { get; }

        /// <summary>Code (the text names the code) or Message (the text resembles the error's wording).</summary>
        public string MatchedBy { get; }

        /// <summary>The code, message or title that matched.</summary>
        public string MatchedText { get; }

        /// <summary>The error, in the language asked for.</summary>
        public BackupErrorInfo Error { get; }

        // Shortcuts, so that matches sort, filter and pipe (to Get-AzBackupErrorInfo -Code) like the errors themselves.
        public string Code => Error.Code;
        public string Area => Error.Area;
        public string Title => Error.Title;

        public override string ToString() => $"{Code} ({Score:0.00})";
    }
}
