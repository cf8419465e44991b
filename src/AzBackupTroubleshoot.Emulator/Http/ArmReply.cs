using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>What an endpoint answers: status, headers and a body already serialized (under the scenario lock).</summary>
internal sealed class ArmReply
{
    public ArmReply(int status, string? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public string? Body { get; }
    public Dictionary<string, string> Headers { get; } = new();

    public static ArmReply Json(JsonNode body, int status = 200) => new(status, body.ToJsonString());

    public static ArmReply Json(string body, int status = 200) => new(status, body);

    public ArmReply WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
