using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// A user-facing text of a check, not yet in any language: a key into knowledge/check-texts.json and the values of
    /// its {placeholders}. Checks return these, and <see cref="Render"/> turns one into words when a result is built, so
    /// the same evaluation can be shown in English, Italian or Portuguese. A value may itself be a <see cref="CheckText"/>
    /// (a localized fragment) or a <see cref="CheckTextList"/> (fragments joined); anything else (names, numbers, ARM
    /// values) is inserted as it is.
    /// </summary>
    public sealed class CheckText
    {
        /// <summary>The key prefix of texts shared by several checks.</summary>
        public const string CommonScope = "Common";

        public CheckText(string key, params (string Name, object? Value)[] args)
        {
            Key = key;
            Args = args;
        }

        /// <summary>The full key, "&lt;check id&gt;.&lt;key&gt;" or "Common.&lt;key&gt;".</summary>
        public string Key { get; }

        public IReadOnlyList<(string Name, object? Value)> Args { get; }

        /// <summary>A text of the check <paramref name="checkId"/>.</summary>
        public static CheckText Of(string checkId, string key, params (string Name, object? Value)[] args)
            => new CheckText(checkId + "." + key, args);

        /// <summary>A text shared by several checks (skips, fallbacks, lock descriptions).</summary>
        public static CheckText Common(string key, params (string Name, object? Value)[] args)
            => new CheckText(CommonScope + "." + key, args);

        /// <summary>The text in <paramref name="language"/>: the one place check texts become words.</summary>
        public string Render(KnowledgeLanguage language)
            => Phrases.CheckTexts.Format(Key, language, Args.Select(a => (a.Name, Value(a.Value, language))).ToArray());

        /// <summary>An ARM value, or the common text <paramref name="fallbackKey"/> ("none", "unknown", "notReported") when it is missing.</summary>
        public static object Or(string? value, string fallbackKey) => (object?)value ?? Common(fallbackKey);

        /// <summary>English, for debugging and test messages; results use <see cref="Render"/>.</summary>
        public override string ToString() => Render(KnowledgeLanguage.En);

        /// <summary>A check's title, its "&lt;id&gt;.title" text; a check with no texts (a test double) is titled by its id.</summary>
        public static string TitleOf(string checkId, KnowledgeLanguage language)
        {
            var key = checkId + ".title";
            return Phrases.CheckTexts.Has(key) ? Phrases.CheckTexts.Text(key, language) : checkId;
        }

        /// <summary>Nested texts are rendered in the same language; plain values are left to Phrases.Format (invariant culture).</summary>
        private static object? Value(object? value, KnowledgeLanguage language) => value switch
        {
            CheckText text => text.Render(language),
            CheckTextList list => string.Join(list.Separator, list.Items.Select(i => i.Render(language))),
            _ => value,
        };
    }

    /// <summary>Localized fragments joined by a separator that reads the same in every language ("; " or ", ").</summary>
    public sealed class CheckTextList
    {
        public CheckTextList(string separator, IEnumerable<CheckText> items)
        {
            Separator = separator;
            Items = items.ToList();
        }

        public string Separator { get; }
        public IReadOnlyList<CheckText> Items { get; }
    }
}
