using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>
    /// Fixed phrasing in English, Italian and Portuguese, read from an embedded knowledge file. Two files use it:
    /// knowledge/messages.json (the triage and the fronts: "most likely cause", "no known cause", ...) and
    /// knowledge/check-texts.json (the titles, messages and fixes of the readiness checks and restore pre-checks).
    /// No such text lives in code.
    /// </summary>
    public sealed class Phrases
    {
        /// <summary>The files' names under knowledge/; the knowledge base reader leaves them out, as they hold no entries.</summary>
        internal const string FileName = "messages.json";
        internal const string CheckTextsFileName = "check-texts.json";

        private static readonly Lazy<Phrases> DefaultInstance = new Lazy<Phrases>(() => ReadEmbedded(FileName));
        private static readonly Lazy<Phrases> CheckTextsInstance = new Lazy<Phrases>(() => ReadEmbedded(CheckTextsFileName));

        private readonly Dictionary<string, LocalizedText> _phrases;
        private readonly string _fileName;

        private Phrases(Dictionary<string, LocalizedText> phrases, string fileName)
        {
            _phrases = phrases;
            _fileName = fileName;
        }

        /// <summary>The phrases of knowledge/messages.json.</summary>
        public static Phrases Default => DefaultInstance.Value;

        /// <summary>The check texts of knowledge/check-texts.json, keyed "&lt;check id&gt;.&lt;key&gt;" (and "Common.&lt;key&gt;").</summary>
        public static Phrases CheckTexts => CheckTextsInstance.Value;

        public IEnumerable<string> Keys => _phrases.Keys;

        /// <summary>The phrase in <paramref name="language"/> (English when that translation is missing). Throws for an unknown key: a typo must not print blank.</summary>
        public string Text(string key, KnowledgeLanguage language)
            => _phrases.TryGetValue(key, out var text) ? text.For(language) : throw new KeyNotFoundException($"No phrase '{key}' in {_fileName}.");

        /// <summary>The phrase with each {name} replaced by its value.</summary>
        public string Format(string key, KnowledgeLanguage language, params (string Name, object? Value)[] values)
        {
            var text = new StringBuilder(Text(key, language));
            foreach (var (name, value) in values)
                text.Replace("{" + name + "}", Convert.ToString(value, CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>Whether the file has a phrase under <paramref name="key"/>.</summary>
        public bool Has(string key) => _phrases.ContainsKey(key);

        /// <summary>The phrase in every language (for tests that compare the translations).</summary>
        internal LocalizedText All(string key) => _phrases[key];

        internal static Phrases Read(Stream stream, string fileName = FileName)
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("phrases", out var phrases) || phrases.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{fileName}: expected an object with a 'phrases' object.");
            var result = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
            foreach (var phrase in phrases.EnumerateObject())
            {
                string? Lang(string name) => phrase.Value.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var en = Lang("en") ?? throw new FormatException($"{fileName}: phrase '{phrase.Name}' has no 'en' text.");
                result[phrase.Name] = new LocalizedText(en, Lang("it"), Lang("pt"));
            }
            return new Phrases(result, fileName);
        }

        private static Phrases ReadEmbedded(string fileName)
        {
            var name = KnowledgeFileReader.ResourcePrefix + fileName;
            using var stream = typeof(Phrases).GetTypeInfo().Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"knowledge/{fileName} is not embedded in the engine assembly.");
            return Read(stream, fileName);
        }
    }
}
