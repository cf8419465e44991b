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
    /// The fixed phrasing the triage and the fronts need ("most likely cause", "no known cause", ...) in English,
    /// Italian and Portuguese, read from knowledge/messages.json (embedded like the knowledge files). No such text lives in code.
    /// </summary>
    public sealed class Phrases
    {
        /// <summary>The file's name under knowledge/; the knowledge base reader leaves it out, as it holds no entries.</summary>
        internal const string FileName = "messages.json";

        private static readonly Lazy<Phrases> DefaultInstance = new Lazy<Phrases>(ReadEmbedded);

        private readonly Dictionary<string, LocalizedText> _phrases;

        private Phrases(Dictionary<string, LocalizedText> phrases) => _phrases = phrases;

        public static Phrases Default => DefaultInstance.Value;

        public IEnumerable<string> Keys => _phrases.Keys;

        /// <summary>The phrase in <paramref name="language"/> (English when that translation is missing). Throws for an unknown key: a typo must not print blank.</summary>
        public string Text(string key, KnowledgeLanguage language)
            => _phrases.TryGetValue(key, out var text) ? text.For(language) : throw new KeyNotFoundException($"No phrase '{key}' in {FileName}.");

        /// <summary>The phrase with each {name} replaced by its value.</summary>
        public string Format(string key, KnowledgeLanguage language, params (string Name, object? Value)[] values)
        {
            var text = new StringBuilder(Text(key, language));
            foreach (var (name, value) in values)
                text.Replace("{" + name + "}", Convert.ToString(value, CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>The phrase in every language (for tests that compare the translations).</summary>
        internal LocalizedText All(string key) => _phrases[key];

        internal static Phrases Read(Stream stream)
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("phrases", out var phrases) || phrases.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{FileName}: expected an object with a 'phrases' object.");
            var result = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
            foreach (var phrase in phrases.EnumerateObject())
            {
                string? Lang(string name) => phrase.Value.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var en = Lang("en") ?? throw new FormatException($"{FileName}: phrase '{phrase.Name}' has no 'en' text.");
                result[phrase.Name] = new LocalizedText(en, Lang("it"), Lang("pt"));
            }
            return new Phrases(result);
        }

        private static Phrases ReadEmbedded()
        {
            var name = KnowledgeFileReader.ResourcePrefix + FileName;
            using var stream = typeof(Phrases).GetTypeInfo().Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"knowledge/{FileName} is not embedded in the engine assembly.");
            return Read(stream);
        }
    }
}
