using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>One request as the endpoints see it: decoded path and segments, query, JSON body, paging and fault context.</summary>
internal sealed class ArmRequest
{
    private readonly Dictionary<string, string> _query;

    public ArmRequest(string method, string path, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> query,
        JsonObject? body, string baseUrl, int? pageSize, FaultRule? operationFault)
    {
        Method = method.ToUpperInvariant();
        Path = "/" + string.Join('/', ResourceId.Segments(path));
        Segments = ResourceId.Segments(path);
        RawPath = rawPath;
        RawQuery = rawQuery;
        _query = query.GroupBy(q => q.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        Body = body;
        BaseUrl = baseUrl;
        PageSize = pageSize ?? ArmPageSizes.For(Path);
        OperationFault = operationFault;
    }

    public string Method { get; }

    /// <summary>The decoded path without empty segments or a trailing slash: usable as a resource id.</summary>
    public string Path { get; }

    public string[] Segments { get; }
    public string RawPath { get; }
    public string RawQuery { get; }
    public JsonObject? Body { get; }

    /// <summary>The emulator's endpoint with a trailing slash, for absolute nextLink and operation URLs.</summary>
    public string BaseUrl { get; }

    /// <summary>Items per page of a list answer: the one the options or the scenario chose, else ARM's for this list.</summary>
    public int PageSize { get; }

    /// <summary>A fault rule that lets this request start but makes its long-running operation fail.</summary>
    public FaultRule? OperationFault { get; }

    public string ApiVersion => Query("api-version") ?? "";

    public string? Query(string name) => _query.TryGetValue(name, out var v) ? v : null;

    /// <summary>Whether $expand names this value (it may list several, comma-separated).</summary>
    public bool Expands(string value)
        => Query("$expand")?.Split(',').Any(e => e.Trim().Equals(value, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>An absolute URL on this emulator for an ARM path, carrying this request's api-version.</summary>
    public string UrlFor(string path, string? extraQuery = null)
        => $"{BaseUrl}{path.TrimStart('/')}?api-version={Uri.EscapeDataString(ApiVersion)}{(extraQuery == null ? "" : "&" + extraQuery)}";
}
