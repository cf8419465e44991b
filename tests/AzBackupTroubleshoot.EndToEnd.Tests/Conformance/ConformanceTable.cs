using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Conformance;

/// <summary>
/// The rows of arm-requests.json: method, path template, api-version and the query parameters (with their allowed
/// values) that a spec documents for one operation. A request conforms when one row takes it whole.
/// </summary>
public sealed class ConformanceTable
{
    public const string RelativePath = "tests/AzBackupTroubleshoot.EndToEnd.Tests/Conformance/arm-requests.json";

    private ConformanceTable(List<Row> rows) => Rows = rows;

    public IReadOnlyList<Row> Rows { get; }

    public static ConformanceTable Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, RelativePath)))!.AsObject();
        var specs = root["specs"]!.AsObject();
        var rows = root["requests"]!.AsArray().Select(r => Row.From(r!.AsObject(), specs)).ToList();
        return new ConformanceTable(rows);
    }

    /// <summary>Null when a row takes the request; otherwise why none does (the closest row's reason).</summary>
    public string? Explain(string method, string path, string rawQuery)
    {
        var query = ParseQuery(rawQuery);
        var reasons = new List<string>();
        foreach (var row in Rows)
        {
            var reason = row.Matches(method, path, query);
            if (reason == null) return null;
            if (row.PathMatches(method, path)) reasons.Add(reason);
        }
        var shape = $"{method} {Normalize(path)}?{string.Join("&", query.Select(q => q.Key + (q.Key is "api-version" or "statusOnly" or "$expand" ? "=" + q.Value : "=…")))}";
        return reasons.Count == 0 ? shape + " — no row for this path" : shape + " — " + string.Join("; ", reasons.Distinct());
    }

    public static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
        => rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : ""))
            .ToList();

    /// <summary>A path with its names replaced, so a failure lists one line per kind of request.</summary>
    private static string Normalize(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var output = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            output.Add(segments[i]);
            if (segments[i].Equals("providers", StringComparison.OrdinalIgnoreCase))
            {
                if (++i < segments.Length) output.Add(segments[i]); // the namespace, then type/name pairs
                continue;
            }
            if (++i < segments.Length) output.Add("{" + segments[i - 1] + "}");
        }
        return "/" + string.Join("/", output);
    }

    public sealed class Row
    {
        private Regex _path = null!;

        public string OperationId { get; private set; } = "";
        public string Method { get; private set; } = "";
        public string PathTemplate { get; private set; } = "";
        public string ApiVersion { get; private set; } = "";
        public string Spec { get; private set; } = "";
        public string Commit { get; private set; } = "";
        public bool Pageable { get; private set; }

        /// <summary>A request the engine sends only for ARM shapes the demo does not have (a management group's definitions).</summary>
        public bool NotInDemo { get; private set; }

        /// <summary>Allowed query parameters: name → allowed values (null: any value; a value starting with "~" is a regex).</summary>
        public Dictionary<string, List<string>?> Query { get; } = new(StringComparer.Ordinal);

        public static Row From(JsonObject json, JsonObject specs)
        {
            var specKey = (string)json["spec"]!;
            var spec = specs[specKey]?.AsObject() ?? throw new InvalidDataException($"arm-requests.json: row {(string?)json["operationId"]} names unknown spec '{specKey}'.");
            var row = new Row
            {
                OperationId = (string)json["operationId"]!,
                Method = (string)json["method"]!,
                PathTemplate = (string)json["path"]!,
                ApiVersion = (string?)json["apiVersion"] ?? (string)spec["apiVersion"]!,
                Spec = (string)spec["file"]!,
                Commit = (string)spec["commit"]!,
                Pageable = (bool?)json["pageable"] ?? false,
                NotInDemo = (bool?)json["notInDemo"] ?? false,
            };
            if (string.IsNullOrEmpty(row.Spec) || row.Commit.Length != 40)
                throw new InvalidDataException($"arm-requests.json: spec '{specKey}' must name a file and a 40-digit commit.");
            var pattern = "^" + Regex.Replace(Regex.Escape(row.PathTemplate), @"\\\{[^}]+}", "[^/]+") + "$";
            row._path = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (json["query"] is JsonObject query)
                foreach (var (name, values) in query)
                    row.Query[name] = values is JsonArray list ? list.Select(v => (string)v!).ToList() : null;
            return row;
        }

        public bool PathMatches(string method, string path)
            => string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && _path.IsMatch(path);

        /// <summary>Null when this row takes the request, else why not.</summary>
        public string? Matches(string method, string path, IReadOnlyList<KeyValuePair<string, string>> query)
        {
            if (!PathMatches(method, path)) return "path";
            var apiVersions = query.Where(q => q.Key == "api-version").Select(q => q.Value).ToList();
            if (apiVersions.Count != 1 || apiVersions[0] != ApiVersion) return $"{OperationId} wants api-version {ApiVersion}";
            foreach (var (name, value) in query)
            {
                if (name == "api-version") continue;
                if (Pageable && name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase)) continue; // from the server's nextLink
                if (!Query.TryGetValue(name, out var allowed)) return $"{OperationId} documents no '{name}' parameter";
                if (allowed != null && !allowed.Any(a => a.StartsWith('~') ? Regex.IsMatch(value, a[1..], RegexOptions.CultureInvariant) : a == value))
                    return $"{OperationId} does not document {name}={value}";
            }
            return null;
        }
    }
}
