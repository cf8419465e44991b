using System;
using System.Text;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// Makes any text safe to show as a failure message: one line, no SDK dump (Azure.Core appends "Status: ...",
    /// "Content:", "Headers:" after the first line), no control characters, no bearer token, bounded length.
    /// </summary>
    public static class FailureText
    {
        private const int MaxLength = 600;

        // A JWT (three base64url parts, header starting eyJ) or whatever follows "Bearer ".
        private static readonly Regex Secrets = new Regex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*|(?<=Bearer\s+)\S+",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static string OneLine(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return "The operation failed.";
            var line = FirstLine(text!);
            line = Secrets.Replace(line, "***");
            var builder = new StringBuilder(line.Length);
            foreach (var c in line) builder.Append(char.IsControl(c) ? ' ' : c);
            var clean = Regex.Replace(builder.ToString(), @"\s{2,}", " ").Trim();
            return clean.Length <= MaxLength ? clean : clean.Substring(0, MaxLength - 3) + "...";
        }

        /// <summary>The first non-empty line: the part of an SDK or OS message that is the message.</summary>
        public static string FirstLine(string text)
        {
            foreach (var raw in text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var line = raw.Trim();
                if (line.Length > 0) return line;
            }
            return text.Trim();
        }
    }
}
