using System.IO;
using System.Text.Json;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>Streams objects as one JSON array, element by element, so a long scan prints as it goes.</summary>
    public sealed class JsonArrayWriter
    {
        private readonly TextWriter _out;
        private int _count;

        public JsonArrayWriter(TextWriter output) => _out = output;

        public void Write<T>(T item)
        {
            _out.Write(_count++ == 0 ? "[\n" : ",\n");
            _out.Write(JsonSerializer.Serialize(item, JsonOutput.Options));
            _out.Flush();
        }

        public void End()
        {
            _out.WriteLine(_count == 0 ? "[]" : "\n]");
            _out.Flush();
        }
    }
}
