using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AzBackupTroubleshoot.Knowledge.Matching;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>
    /// The error knowledge base: every error condition of the Azure VM backup and MARS troubleshooting guides,
    /// looked up by code or recognised from a pasted message in English, Italian or Portuguese.
    /// </summary>
    public sealed class KnowledgeBase
    {
        private static readonly Lazy<KnowledgeBase> DefaultInstance =
            new Lazy<KnowledgeBase>(() => new KnowledgeBase(KnowledgeFileReader.ReadEmbedded()));

        private readonly Dictionary<string, ErrorEntry> _byKey;
        private readonly CodeFinder _codeFinder;
        private readonly MessageMatcher _messageMatcher;

        /// <summary>The entries embedded in the engine (knowledge/*.json), loaded on first use.</summary>
        public static KnowledgeBase Default => DefaultInstance.Value;

        /// <summary>Builds a knowledge base over <paramref name="entries"/>. Throws when two entries claim the same code, alias or numeric code.</summary>
        public KnowledgeBase(IEnumerable<ErrorEntry> entries)
        {
            Entries = entries.ToList();
            _byKey = new Dictionary<string, ErrorEntry>(StringComparer.Ordinal);
            foreach (var entry in Entries)
                foreach (var key in KeysOf(entry))
                {
                    if (_byKey.TryGetValue(key, out var other) && other != entry)
                        throw new InvalidOperationException($"Code '{key}' is claimed by both {other.Code} and {entry.Code}.");
                    _byKey[key] = entry;
                }
            Codes = Entries.Select(e => e.Code).OrderBy(c => c, StringComparer.OrdinalIgnoreCase).ToList();
            _codeFinder = new CodeFinder(_byKey);
            _messageMatcher = new MessageMatcher(Entries);
        }

        public IReadOnlyList<ErrorEntry> Entries { get; }

        /// <summary>Every entry code, sorted (for tab completion).</summary>
        public IReadOnlyList<string> Codes { get; }

        /// <summary>The entry with this code, alias or numeric code (case, spaces and colons ignored: "id: 34513" works), or null.</summary>
        public ErrorEntry? FindByCode(string code)
        {
            if (string.IsNullOrWhiteSpace(code)) return null;
            return _byKey.TryGetValue(CodeKey.Of(code), out var entry) ? entry : null;
        }

        /// <summary>
        /// The entries that best explain a pasted error text, best first. A code written in the text wins outright (score 1);
        /// otherwise entries are ranked by how well one of their messages or titles matches (see <see cref="MessageMatcher"/>).
        /// Check <see cref="MessageMatch.IsConfident"/>: unrelated text yields no confident match.
        /// </summary>
        public IReadOnlyList<MessageMatch> Match(string text, int top = 5)
        {
            if (string.IsNullOrWhiteSpace(text) || top <= 0) return Array.Empty<MessageMatch>();
            var byCode = _codeFinder.Find(text).ToList();
            var byMessage = _messageMatcher.Score(text).Where(m => byCode.All(c => c.Entry != m.Entry));
            return byCode.Concat(byMessage).Take(top).ToList();
        }

        private static IEnumerable<string> KeysOf(ErrorEntry entry)
            => new[] { entry.Code }
                .Concat(entry.Aliases)
                .Concat(entry.NumericCodes.Select(n => n.ToString(CultureInfo.InvariantCulture)))
                .Select(CodeKey.Of)
                .Distinct();
    }
}
