using System.Collections.Generic;

namespace AzBackupTroubleshoot.Knowledge.Matching
{
    /// <summary>
    /// The features a text is compared on: its distinct words and its distinct pairs of adjacent words.
    /// Pairs keep word order in play, so "non esiste" and "esiste non" differ and near-identical messages separate.
    /// </summary>
    internal static class Features
    {
        public static HashSet<string> Of(string text)
        {
            var words = TextNormalizer.Words(text);
            var features = new HashSet<string>();
            for (var i = 0; i < words.Count; i++)
            {
                features.Add(words[i]);
                if (i > 0) features.Add(words[i - 1] + " " + words[i]);
            }
            return features;
        }
    }
}
