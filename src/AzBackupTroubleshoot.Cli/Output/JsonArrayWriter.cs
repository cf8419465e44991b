using System.IO;
using System.Text.Json;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>Streams objects as one JSON array, element by element, so a long scan prints as it goes.</summary>
    public sealed class JsonArrayWriter
    {
        private readonly TextWriter _out;
        private readonly JsonSerializerOptions _options;
        private int _count;

        /// <param name="options">How each element is written; default <see cref="JsonOutput.Options"/> (indented).</param>
        public JsonArrayWriter(TextWriter output, JsonSerializerOptions? options = null)
        {
            _out = output;
            _options = options ?? JsonOutput.Options;
        }

        public void Write<T>(T item)
        {
            _out.Write(_count++ == 0 ? "[\n" : ",\n");
            _out.Write(JsonSerializer.Serialize(item, _options));
            _out.Flush();
        }

        public void End()
        {
            _out.WriteLine(_count == 0 ? "[]" : "\n]");
            _out.Flush();
        }
    }
}
