using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// A strict parser for exactly the Resource Graph query shapes azbt sends, and nothing else:
/// <code>
/// Resources|RecoveryServicesResources
///   | where type in~ ('t1', 't2', ...)          (or: type =~ 't')
///   [| where cond (and cond)*]                  cond: properties.a.b =~ 'v'
///                                                     todatetime(properties.a) between (datetime(iso) .. datetime(iso))
///   [| extend name = expr]                      expr: see <see cref="ResourceGraphExpression"/>
///   | project col, col, ...                     cols: id name type location tags sku zones identity kind plan managedBy properties, or an extended name
///   | order by col asc|desc [, col asc|desc]    cols: projected string columns (id name type location kind managedBy) or extended ones
/// </code>
/// Anything else is an <see cref="FormatException"/>, which the endpoint answers as Resource Graph does an invalid query.
/// </summary>
internal sealed class ResourceGraphQuery
{
    public static readonly string[] Tables = { "Resources", "RecoveryServicesResources" };

    private static readonly HashSet<string> Columns = new(StringComparer.Ordinal)
        { "id", "name", "type", "location", "tags", "sku", "zones", "identity", "kind", "plan", "managedBy", "properties" };

    private static readonly Regex TypeIn = new(@"^type\s+in~\s*\((?<list>\s*'[^']+'(\s*,\s*'[^']+')*\s*)\)$", RegexOptions.CultureInvariant);
    private static readonly Regex TypeIs = new(@"^type\s*=~\s*'(?<t>[^']+)'$", RegexOptions.CultureInvariant);
    private static readonly Regex PropertyIs = new(@"^properties\.(?<path>[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*)\s*=~\s*'(?<v>[^']*)'$", RegexOptions.CultureInvariant);
    private static readonly Regex TimeBetween = new(@"^todatetime\(properties\.(?<path>[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*)\)\s+between\s*\(\s*datetime\((?<from>[0-9T:\-\.Z]+)\)\s*\.\.\s*datetime\((?<to>[0-9T:\-\.Z]+)\)\s*\)$", RegexOptions.CultureInvariant);
    private static readonly Regex And = new(@"\s+and\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Extend = new(@"^extend\s+(?<name>[A-Za-z][A-Za-z0-9_]*)\s*=\s*(?<expr>.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex OrderKey = new(@"^(?<col>[A-Za-z][A-Za-z0-9_]*)\s+(?<dir>asc|desc)$", RegexOptions.CultureInvariant);

    private readonly List<Func<JsonObject, bool>> _conditions = new();

    private ResourceGraphQuery(string table) => Table = table;

    public string Table { get; }
    public IReadOnlyList<string> Types { get; private set; } = Array.Empty<string>();
    public IReadOnlyList<string> Projection { get; private set; } = Array.Empty<string>();

    /// <summary>The extend stages' columns, in their order.</summary>
    public IReadOnlyList<(string Name, ResourceGraphExpression Value)> Extended => _extended;

    /// <summary>The order stage's columns, most significant first.</summary>
    public IReadOnlyList<(string Column, bool Descending)> Order { get; private set; } = Array.Empty<(string, bool)>();

    private readonly List<(string Name, ResourceGraphExpression Value)> _extended = new();

    private bool IsExtended(string column) => _extended.Any(e => e.Name == column);

    public bool Matches(JsonObject resource) => _conditions.All(c => c(resource));

    public static ResourceGraphQuery Parse(string text)
    {
        var stages = SplitStages(text);
        if (stages.Count < 4) throw new FormatException("Expected: <table> | where type ... | project ... | order by id asc.");
        var table = Tables.FirstOrDefault(t => string.Equals(t, stages[0], StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"Table '{stages[0]}' is not one the emulator serves (Resources, RecoveryServicesResources).");
        var query = new ResourceGraphQuery(table);

        var first = Where(stages[1]) ?? throw new FormatException("The first stage must be 'where type in~ (...)' or 'where type =~ ...'.");
        if (TypeIn.Match(first) is { Success: true } many)
            query.Types = many.Groups["list"].Value.Split(',').Select(t => t.Trim().Trim('\'')).ToList();
        else if (TypeIs.Match(first) is { Success: true } one)
            query.Types = new[] { one.Groups["t"].Value };
        else
            throw new FormatException($"Unsupported type filter: '{first}'.");

        for (var i = 2; i < stages.Count - 2; i++)
        {
            if (Extend.Match(stages[i]) is { Success: true } extend)
            {
                var name = extend.Groups["name"].Value;
                if (Columns.Contains(name) || query.IsExtended(name)) throw new FormatException($"'{name}' is a column already.");
                query._extended.Add((name, ResourceGraphExpression.Parse(extend.Groups["expr"].Value)));
                continue;
            }
            var where = Where(stages[i]) ?? throw new FormatException($"Unsupported stage: '{stages[i]}'.");
            foreach (var cond in And.Split(where)) query._conditions.Add(Condition(cond.Trim()));
        }

        var project = stages[^2];
        if (!project.StartsWith("project ", StringComparison.Ordinal)) throw new FormatException($"Expected a project stage, got '{project}'.");
        var columns = project["project ".Length..].Split(',').Select(c => c.Trim()).ToList();
        bool Known(string c) => Columns.Contains(c) || query.IsExtended(c);
        if (columns.Count == 0 || !columns.All(Known) || !columns.Contains("id") || columns.Distinct().Count() != columns.Count)
            throw new FormatException($"Unsupported projection: '{project}'.");
        query.Projection = columns;

        query.Order = OrderBy(stages[^1], c => columns.Contains(c) && (ResourceGraphEndpoint.StringColumns.Contains(c) || query.IsExtended(c)));
        return query;
    }

    /// <summary>"order by c asc|desc, ...": each a projected string column.</summary>
    private static IReadOnlyList<(string Column, bool Descending)> OrderBy(string stage, Func<string, bool> sortable)
    {
        if (!stage.StartsWith("order by ", StringComparison.Ordinal)) throw new FormatException($"Expected an order stage last, got '{stage}'.");
        var keys = new List<(string, bool)>();
        foreach (var key in stage["order by ".Length..].Split(',').Select(k => k.Trim()))
        {
            if (OrderKey.Match(key) is not { Success: true } m || !sortable(m.Groups["col"].Value))
                throw new FormatException($"Unsupported order key: '{key}' (a projected string column, asc or desc).");
            keys.Add((m.Groups["col"].Value, m.Groups["dir"].Value == "desc"));
        }
        return keys;
    }

    private static string? Where(string stage)
        => stage.StartsWith("where ", StringComparison.Ordinal) ? stage["where ".Length..].Trim() : null;

    private static Func<JsonObject, bool> Condition(string cond)
    {
        if (PropertyIs.Match(cond) is { Success: true } eq)
        {
            var path = eq.Groups["path"].Value.Split('.');
            var value = eq.Groups["v"].Value;
            return r => string.Equals(At(r, path)?.ToString(), value, StringComparison.OrdinalIgnoreCase);
        }
        if (TimeBetween.Match(cond) is { Success: true } between)
        {
            var path = between.Groups["path"].Value.Split('.');
            var from = Time(between.Groups["from"].Value);
            var to = Time(between.Groups["to"].Value);
            return r => DateTimeOffset.TryParse(At(r, path)?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t >= from && t <= to;
        }
        throw new FormatException($"Unsupported condition: '{cond}'.");
    }

    private static DateTimeOffset Time(string text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw new FormatException($"Not a datetime: '{text}'.");

    private static JsonNode? At(JsonObject resource, string[] path)
    {
        JsonNode? node = resource["properties"];
        foreach (var key in path) node = node is JsonObject o ? o[key] : null;
        return node;
    }

    /// <summary>The query's stages split at '|' outside quotes, trimmed, whitespace collapsed.</summary>
    private static List<string> SplitStages(string text)
    {
        var stages = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '\'') quoted = !quoted;
            if (ch == '|' && !quoted)
            {
                stages.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
        if (quoted) throw new FormatException("A string literal is not closed.");
        stages.Add(current.ToString());
        return stages.Select(s => Regex.Replace(s.Trim(), @"\s+", " ")).ToList();
    }
}
