using System;
using System.Collections.Generic;
using System.Text;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>Fitting text into a width: names cut in the middle, prose wrapped at word boundaries.</summary>
    public static class Text
    {
        /// <summary>
        /// <paramref name="value"/> if it fits, else its start and its end around an ellipsis: names in a fleet often
        /// share a prefix (vm-prod-weu-…) and differ at the end, so the end is kept whole where it can be.
        /// </summary>
        public static string CutMiddle(string value, int width)
        {
            if (value.Length <= width) return value;
            if (width <= 1) return width == 1 ? "…" : "";
            var tail = (width - 1) * 3 / 5;
            var head = width - 1 - tail;
            return value.Substring(0, head) + "…" + value.Substring(value.Length - tail);
        }

        /// <summary><paramref name="value"/> cut at the end with an ellipsis when longer than <paramref name="width"/>.</summary>
        public static string CutEnd(string value, int width)
            => value.Length <= width ? value : width <= 1 ? "…" : value.Substring(0, width - 1) + "…";

        /// <summary>Word-wraps one paragraph into lines of at most <paramref name="width"/> characters (longer words stand alone).</summary>
        public static IReadOnlyList<string> Wrap(string text, int width)
        {
            width = Math.Max(width, 20);
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (var word in text.Replace('\n', ' ').Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
            return lines;
        }

        /// <summary>
        /// <paramref name="prefix"/> then <paramref name="text"/> wrapped, the later lines indented to where the text
        /// began ("fix: " over a paragraph, "2. " over a step).
        /// </summary>
        public static IEnumerable<string> Hang(string prefix, string text, int width)
        {
            var lines = Wrap(text, width - prefix.Length);
            var pad = new string(' ', prefix.Length);
            for (var i = 0; i < lines.Count; i++) yield return (i == 0 ? prefix : pad) + lines[i];
        }
    }
}
