using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>
/// Writes stored resources as JSON, optionally leaving out one property under "properties" (instanceView,
/// restorePoints) the way ARM does without $expand. Writing straight from the stored node avoids copying it.
/// </summary>
internal static class ResourceJson
{
    public static string Write(JsonObject resource, string? omitProperty = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) WriteResource(writer, resource, omitProperty);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A list page: {"value":[...], "nextLink": ...}.</summary>
    public static string WritePage(IEnumerable<(JsonObject Resource, string? Omit)> items, string? nextLink)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("value");
            foreach (var (resource, omit) in items) WriteResource(writer, resource, omit);
            writer.WriteEndArray();
            if (nextLink != null) writer.WriteString("nextLink", nextLink);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteResource(Utf8JsonWriter writer, JsonObject resource, string? omitProperty)
    {
        if (omitProperty == null)
        {
            resource.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        foreach (var (name, value) in resource)
        {
            writer.WritePropertyName(name);
            if (name == "properties" && value is JsonObject properties)
            {
                writer.WriteStartObject();
                foreach (var (propertyName, propertyValue) in properties)
                {
                    if (string.Equals(propertyName, omitProperty, StringComparison.OrdinalIgnoreCase)) continue;
                    writer.WritePropertyName(propertyName);
                    WriteValue(writer, propertyValue);
                }
                writer.WriteEndObject();
            }
            else
            {
                WriteValue(writer, value);
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value == null) writer.WriteNullValue();
        else value.WriteTo(writer);
    }
}
