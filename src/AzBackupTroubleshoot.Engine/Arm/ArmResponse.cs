using System.Collections.Generic;
using System.Text.Json;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>A successful ARM response: status, the headers long-running operations need, and the body (if any).</summary>
    public sealed class ArmResponse
    {
        public ArmResponse(int status, JsonElement? body, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            Headers = headers;
        }

        public int Status { get; }
        public JsonElement? Body { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }
}
