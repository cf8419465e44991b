using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// Small read helpers over ARM JSON. Paths are dotted property names ("properties.instanceView.vmAgent");
    /// ARM is case-insensitive about property names in practice, so lookups are too.
    /// </summary>
    public static class Json
    {
        /// <summary>The element at a dotted path, or null when any step is missing or null.</summary>
        public static JsonElement? At(this JsonElement element, string path)
        {
            var current = element;
            foreach (var name in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object) return null;
                if (!TryGetPropertyIgnoreCase(current, name, out var next)) return null;
                if (next.ValueKind == JsonValueKind.Null || next.ValueKind == JsonValueKind.Undefined) return null;
                current = next;
            }
            return current;
        }

        public static JsonElement? At(this JsonElement? element, string path) => element?.At(path);

        public static string? Str(this JsonElement element, string path)
        {
            var value = element.At(path);
            if (value == null) return null;
            return value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
                _ => null,
            };
        }

        public static string? Str(this JsonElement? element, string path) => element?.Str(path);

        public static long? Long(this JsonElement element, string path)
        {
            var value = element.At(path);
            if (value == null) return null;
            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var n)) return n;
            if (value.Value.ValueKind == JsonValueKind.String && long.TryParse(value.Value.GetString(), out n)) return n;
            return null;
        }

        public static bool? Bool(this JsonElement element, string path)
        {
            var value = element.At(path);
            if (value == null) return null;
            if (value.Value.ValueKind == JsonValueKind.True) return true;
            if (value.Value.ValueKind == JsonValueKind.False) return false;
            if (value.Value.ValueKind == JsonValueKind.String && bool.TryParse(value.Value.GetString(), out var b)) return b;
            return null;
        }

        /// <summary>The items of the array at a path; empty when absent.</summary>
        public static IReadOnlyList<JsonElement> Array(this JsonElement element, string path)
        {
            var value = element.At(path);
            if (value == null || value.Value.ValueKind != JsonValueKind.Array) return System.Array.Empty<JsonElement>();
            return value.Value.EnumerateArray().ToList();
        }

        public static IReadOnlyList<JsonElement> Array(this JsonElement? element, string path)
            => element == null ? System.Array.Empty<JsonElement>() : element.Value.Array(path);

        /// <summary>A document of its own for UTF-8 JSON text (the bytes are copied: the element holds no reference to them).</summary>
        internal static JsonElement ParseUtf8(ReadOnlySpan<byte> utf8)
        {
            var reader = new Utf8JsonReader(utf8);
            return JsonElement.ParseValue(ref reader);
        }

        /// <summary>The ARM "id" of a resource.</summary>
        public static string Id(this JsonElement resource) => resource.Str("id") ?? "";

        private static bool TryGetPropertyIgnoreCase(JsonElement obj, string name, out JsonElement value)
        {
            if (obj.TryGetProperty(name, out value)) return true;
            foreach (var property in obj.EnumerateObject())
            {
                if (string.Equals(property.Name, name, System.StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }
    }
}
