using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Knowledge.Matching
{
    /// <summary>
    /// Turns a pasted error text into comparable words: drops what a job detail wraps around a message
    /// (URLs, ARM resource ids, GUIDs, timestamps), folds case and accents, and splits on anything not a letter or digit.
    /// </summary>
    internal static class TextNormalizer
    {
        // Order matters: URLs and resource ids can contain GUIDs and dates.
        private static readonly Regex Noise = new Regex(
            @"https?://\S+" +
            @"|/subscriptions/\S+" +
            @"|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b" +
            @"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?" +
            @"|\b\d{1,2}/\d{1,2}/\d{2,4}\b" +
            @"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\b",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private static readonly Regex Word = new Regex(@"[a-z0-9]+", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The words of <paramref name="text"/>, folded, in order. One-letter words (Italian elisions, articles) are dropped.</summary>
        public static IReadOnlyList<string> Words(string text)
        {
            var folded = Fold(Noise.Replace(text, " "));
            var words = new List<string>();
            foreach (Match m in Word.Matches(folded))
                if (m.Value.Length > 1) words.Add(m.Value);
            return words;
        }

        /// <summary>Lower case without diacritics: "não é" → "nao e".</summary>
        public static string Fold(string text)
        {
            var decomposed = text.Normalize(NormalizationForm.FormD);
            var folded = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    folded.Append(char.ToLowerInvariant(c));
            return folded.ToString().Normalize(NormalizationForm.FormC);
        }
    }
}
