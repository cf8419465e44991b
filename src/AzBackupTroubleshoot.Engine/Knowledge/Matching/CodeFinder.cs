using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Knowledge.Matching
{
    /// <summary>
    /// Finds entry codes written literally in a text: identifiers (UserErrorFsFreezeFailed, NoCode.X), hex codes (0x80070570),
    /// MARS ids ("ID: 34513") and numeric codes of five or more digits (320001). Shorter bare numbers (403, 407) are too
    /// common in unrelated text to trust and are left to message matching.
    /// </summary>
    internal sealed class CodeFinder
    {
        private static readonly Regex Candidate = new Regex(
            @"\bID\s*:?\s*(?<id>\d+)\b|\b0x[0-9A-Fa-f]+\b|\b[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?\b|\b\d{5,}\b",
            RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly IReadOnlyDictionary<string, ErrorEntry> _byKey;

        public CodeFinder(IReadOnlyDictionary<string, ErrorEntry> byKey) => _byKey = byKey;

        /// <summary>Entries whose code appears in <paramref name="text"/>, in order of first appearance, each once.</summary>
        public IEnumerable<MessageMatch> Find(string text)
        {
            var seen = new HashSet<ErrorEntry>();
            foreach (Match m in Candidate.Matches(text))
            {
                var entry = m.Groups["id"].Success ? Lookup("ID" + m.Groups["id"].Value) : Lookup(m.Value);
                if (entry != null && seen.Add(entry))
                    yield return new MessageMatch(entry, 1.0, MatchKind.Code, m.Value);
            }
        }

        // "NoCode.X" is one code, but "details.UserErrorX" (a missing space) holds one in its second half.
        private ErrorEntry? Lookup(string token)
        {
            if (_byKey.TryGetValue(CodeKey.Of(token), out var entry)) return entry;
            var dot = token.IndexOf('.');
            if (dot < 0) return null;
            return Lookup(token.Substring(0, dot)) ?? Lookup(token.Substring(dot + 1));
        }
    }
}
