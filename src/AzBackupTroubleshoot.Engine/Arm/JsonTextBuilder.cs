using System;
using System.IO;
using System.Text.Json;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// Writes JSON documents as UTF-8 text token by token (no DOM in between): one buffer, reused from one document to the
    /// next, each handed out as a byte[] of its own. Not thread-safe: one per batch of documents. The text is compact,
    /// strings escaped as the default writer escapes them (as JsonSerializer and JsonElement.WriteTo write), numbers as
    /// they were written.
    /// </summary>
    internal sealed class JsonTextBuilder
    {
        private readonly MemoryStream _buffer = new MemoryStream(4096);
        private readonly Utf8JsonWriter _writer;

        public JsonTextBuilder() => _writer = new Utf8JsonWriter(_buffer);

        /// <summary>The writer, on an empty document.</summary>
        public Utf8JsonWriter Begin()
        {
            _buffer.SetLength(0);
            _writer.Reset(_buffer);
            return _writer;
        }

        /// <summary>The document written since <see cref="Begin"/>.</summary>
        public byte[] End()
        {
            _writer.Flush();
            return _buffer.ToArray();
        }

        /// <summary>
        /// Copies the value <paramref name="reader"/> is on (a scalar, or an object or array with all it holds) to the
        /// writer, and leaves the reader on the value's last token.
        /// </summary>
        public static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
            {
                CopyToken(ref reader, writer);
                return;
            }
            var depth = reader.CurrentDepth;
            CopyToken(ref reader, writer);
            while (reader.Read())
            {
                CopyToken(ref reader, writer);
                if (reader.CurrentDepth == depth) return; // the container's end
            }
        }

        private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                case JsonTokenType.PropertyName: writer.WritePropertyName(Unescaped(ref reader)); break;
                case JsonTokenType.String: writer.WriteStringValue(Unescaped(ref reader)); break;
                // As written: "1.0" stays "1.0", a long id number keeps every digit.
                case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                case JsonTokenType.Null: writer.WriteNullValue(); break;
                default: throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
            }
        }

        /// <summary>The string or property name the reader is on, as its characters (a writer escapes them again its own way).</summary>
        public static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped) return reader.ValueSpan;
            var text = new byte[reader.ValueSpan.Length]; // unescaped is never longer
            return text.AsSpan(0, reader.CopyString(text));
        }
    }
}
