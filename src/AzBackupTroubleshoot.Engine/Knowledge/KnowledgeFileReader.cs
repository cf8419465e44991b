using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>
    /// Reads the knowledge files (knowledge/*.json at the repository root, embedded in this assembly).
    /// The format is described in docs/knowledge-base.md; a malformed file fails loudly rather than losing entries.
    /// </summary>
    internal static class KnowledgeFileReader
    {
        /// <summary>The logical-name prefix the project gives the embedded files.</summary>
        internal const string ResourcePrefix = "AzBackupTroubleshoot.Knowledge.Data.";

        public static IReadOnlyList<ErrorEntry> ReadEmbedded()
        {
            var assembly = typeof(KnowledgeFileReader).GetTypeInfo().Assembly;
            var names = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                .Where(n => n != ResourcePrefix + Phrases.FileName && n != ResourcePrefix + Phrases.CheckTextsFileName) // fixed phrasing, not error entries
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            if (names.Count == 0)
                throw new InvalidOperationException("The knowledge base files are not embedded in the engine assembly.");

            var entries = new List<ErrorEntry>();
            foreach (var name in names)
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                entries.AddRange(Read(stream, name.Substring(ResourcePrefix.Length)));
            }
            return entries;
        }

        public static IReadOnlyList<ErrorEntry> Read(Stream stream, string fileName)
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{fileName}: expected an object with an 'entries' array.");
            return entries.EnumerateArray().Select(e => ReadEntry(e, fileName)).ToList();
        }

        private static ErrorEntry ReadEntry(JsonElement e, string fileName)
        {
            var code = RequiredString(e, "code", fileName, "?");
            string where = $"{fileName}: entry '{code}'";
            var repairedBy = e.TryGetProperty("repairedBy", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return new ErrorEntry(
                code,
                Array(e, "numericCodes").Select(n => n.GetInt64()).ToList(),
                Strings(e, "aliases"),
                RequiredString(e, "area", fileName, code),
                List(e, "messages"),
                Text(e, "title", where),
                Text(e, "cause", where),
                List(e, "remediation"),
                Strings(e, "relatedChecks"),
                repairedBy,
                FixLocations.Parse(RequiredString(e, "fixLocation", fileName, code)),
                Strings(e, "seedRefs"));
        }

        private static LocalizedText Text(JsonElement e, string name, string where)
        {
            if (!e.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{where}: '{name}' must be an object {{en, it, pt}}.");
            var en = OptionalString(t, "en") ?? throw new FormatException($"{where}: '{name}.en' is required.");
            return new LocalizedText(en, OptionalString(t, "it"), OptionalString(t, "pt"));
        }

        private static LocalizedList List(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object)
                return new LocalizedList(System.Array.Empty<string>(), System.Array.Empty<string>(), System.Array.Empty<string>());
            return new LocalizedList(Strings(t, "en"), Strings(t, "it"), Strings(t, "pt"));
        }

        private static IEnumerable<JsonElement> Array(JsonElement e, string name)
            => e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : Enumerable.Empty<JsonElement>();

        private static IReadOnlyList<string> Strings(JsonElement e, string name)
            => Array(e, name).Select(s => s.GetString()!).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();

        private static string? OptionalString(JsonElement e, string name)
            => e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString()) ? s.GetString() : null;

        private static string RequiredString(JsonElement e, string name, string fileName, string code)
            => OptionalString(e, name) ?? throw new FormatException($"{fileName}: entry '{code}' has no '{name}'.");
    }
}
