using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Knowledge.Matching
{
    /// <summary>
    /// Scores a pasted text against every entry's messages (all languages and wordings) and titles.
    /// Each feature (word, or pair of adjacent words at half weight) weighs its inverse document frequency squared,
    /// so rare words count and "the", "di", "de" barely do. For one candidate text V and the query Q:
    ///   recall    = weight(V ∩ Q) / weight(V)   — how much of the message is in the paste
    ///   precision = weight(V ∩ Q) / weight(Q)   — how much of the paste the message explains
    ///   score     = √(precision × recall)       — high only when both are: a cosine over weighted sets.
    /// An entry scores as its best candidate; titles are discounted so the product's own wording wins a tie.
    /// docs/knowledge-base.md gives the measured hit rates these constants were chosen on.
    /// </summary>
    internal sealed class MessageMatcher
    {
        private const double TitleDiscount = 0.9;
        private const double PairWeight = 0.5;
        private const double UnknownFeatureDocumentFrequency = 10;

        private readonly List<Candidate> _candidates = new List<Candidate>();
        private readonly Dictionary<string, double> _idf = new Dictionary<string, double>(StringComparer.Ordinal);
        private readonly double _unknownFeatureIdf;

        public MessageMatcher(IEnumerable<ErrorEntry> entries)
        {
            foreach (var entry in entries)
            {
                foreach (var language in new[] { KnowledgeLanguage.En, KnowledgeLanguage.It, KnowledgeLanguage.Pt })
                {
                    foreach (var message in entry.Messages.Exact(language))
                        _candidates.Add(new Candidate(entry, message, 1.0, Features.Of(message)));
                    var title = entry.Title.Exact(language);
                    if (title != null)
                        _candidates.Add(new Candidate(entry, title, TitleDiscount, Features.Of(title)));
                }
            }

            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var candidate in _candidates)
                foreach (var feature in candidate.Features)
                    documentFrequency[feature] = documentFrequency.TryGetValue(feature, out var n) ? n + 1 : 1;

            double total = _candidates.Count;
            foreach (var pair in documentFrequency)
                _idf[pair.Key] = Math.Log(1 + total / pair.Value);
            // A word no message uses is text no entry explains. It weighs like a word found in a handful of candidates:
            // enough that unrelated text stays unexplained, not so much that the ids and names a job detail adds drown a short message.
            _unknownFeatureIdf = Math.Log(1 + total / UnknownFeatureDocumentFrequency);

            foreach (var candidate in _candidates)
                candidate.Weight = candidate.Features.Sum(Weight);
        }

        /// <summary>The best score of each entry, highest first; entries sharing nothing with the text are left out.</summary>
        public IEnumerable<MessageMatch> Score(string text)
        {
            var query = Features.Of(text);
            if (query.Count == 0) return Enumerable.Empty<MessageMatch>();
            var queryWeight = query.Sum(Weight);

            var best = new Dictionary<ErrorEntry, MessageMatch>();
            foreach (var candidate in _candidates)
            {
                if (candidate.Weight <= 0) continue;
                double shared = 0;
                foreach (var feature in candidate.Features)
                    if (query.Contains(feature)) shared += Weight(feature);
                if (shared <= 0) continue;

                var recall = shared / candidate.Weight;
                var precision = shared / queryWeight;
                var score = candidate.Discount * Math.Sqrt(precision * recall);
                if (!best.TryGetValue(candidate.Entry, out var current) || score > current.Score)
                    best[candidate.Entry] = new MessageMatch(candidate.Entry, score, MatchKind.Message, candidate.Text);
            }
            return best.Values.OrderByDescending(m => m.Score);
        }

        private double Weight(string feature)
        {
            var idf = _idf.TryGetValue(feature, out var known) ? known : _unknownFeatureIdf;
            return feature.IndexOf(' ') >= 0 ? PairWeight * idf * idf : idf * idf;
        }

        private sealed class Candidate
        {
            public Candidate(ErrorEntry entry, string text, double discount, HashSet<string> features)
            {
                Entry = entry;
                Text = text;
                Discount = discount;
                Features = features;
            }

            public ErrorEntry Entry { get; }
            public string Text { get; }
            public double Discount { get; }
            public HashSet<string> Features { get; }
            public double Weight { get; set; }
        }
    }
}
