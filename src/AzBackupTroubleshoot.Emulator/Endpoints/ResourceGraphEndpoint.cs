using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>One Resource Graph query the emulator answered (the request log has no bodies; tests read these); Skip is the $skip option sent.</summary>
public sealed record ResourceGraphCall(string Table, string Query, int Subscriptions, bool HadSkipToken, int Status, int Rows, int? Skip = null);

/// <summary>
/// POST /providers/Microsoft.ResourceGraph/resources (operation "Resources", resourcegraph.json 2022-10-01): the
/// query shapes of <see cref="ResourceGraphQuery"/> over the scenario, objectArray results, pages of at most 1,000 rows
/// ($top, default and maximum 1,000; a scenario may lower it) continued by an opaque $skipToken that is bound to the
/// query and its subscriptions. Subscriptions the caller may not read (forbidden, unknown) give no rows, as Resource
/// Graph shows only what the caller can read. Runs under the scenario lock.
/// </summary>
internal sealed class ResourceGraphEndpoint
{
    public const string Path = "/providers/Microsoft.ResourceGraph/resources";
    public const int MaxPageSize = 1000;

    private const string VmType = "microsoft.compute/virtualmachines";
    private const string ExtensionType = "microsoft.compute/virtualmachines/extensions";
    private const string CollectionType = "microsoft.compute/restorepointcollections";
    private const string RecoveryServicesChild = "microsoft.recoveryservices/vaults/";

    private readonly Scenario _scenario;
    private readonly Func<int?> _pageLimit;
    private readonly List<ResourceGraphCall> _calls = new();

    public ResourceGraphEndpoint(Scenario scenario, Func<int?> pageLimit)
    {
        _scenario = scenario;
        _pageLimit = pageLimit;
    }

    public IReadOnlyList<ResourceGraphCall> Calls
    {
        get { lock (_calls) return _calls.ToList(); }
    }

    public void Record(ResourceGraphCall call)
    {
        lock (_calls) _calls.Add(call);
    }

    public (ArmReply Reply, ResourceGraphCall Call) Query(JsonObject? body)
    {
        var text = (string?)body?["query"] ?? "";
        var subscriptions = body?["subscriptions"] is JsonArray subs ? subs.Select(s => (string?)s ?? "").ToList() : null;
        var options = body?["options"] as JsonObject;
        var skipToken = (string?)options?["$skipToken"];
        var skip = (int?)options?["$skip"];
        ResourceGraphCall Call(string table, int status, int rows) => new(table, text, subscriptions?.Count ?? 0, skipToken != null, status, rows, skip);

        if (body == null || string.IsNullOrWhiteSpace(text)) return (InvalidQuery("The request body must carry a query."), Call("", 400, 0));
        if ((string?)options?["resultFormat"] is string format && !string.Equals(format, "objectArray", StringComparison.OrdinalIgnoreCase))
            return (InvalidQuery($"resultFormat '{format}' is not served by the emulator; only objectArray is."), Call("", 400, 0));
        if (body["managementGroups"] != null || body["facets"] != null)
            return (InvalidQuery("managementGroups and facets are not served by the emulator."), Call("", 400, 0));

        ResourceGraphQuery query;
        try
        {
            query = ResourceGraphQuery.Parse(text);
        }
        catch (FormatException ex)
        {
            return (InvalidQuery(ex.Message), Call("", 400, 0));
        }

        var top = (int?)options?["$top"] ?? MaxPageSize;
        if (top < 1 || top > MaxPageSize) return (InvalidQuery($"$top must be between 1 and {MaxPageSize}."), Call(query.Table, 400, 0));
        var pageSize = Math.Min(top, _pageLimit() ?? MaxPageSize);
        var binding = Binding(text, subscriptions);
        if (skip < 0) return (InvalidQuery("$skip cannot be negative."), Call(query.Table, 400, 0));
        // $skipToken, when both are sent, wins ("Overrides the next page offset when $skipToken property is present": $skip in resourcegraph.json).
        var offset = skip ?? 0;
        if (skipToken != null && !TryReadToken(skipToken, binding, out offset))
            return (InvalidQuery("The $skipToken does not belong to this query and these subscriptions."), Call(query.Table, 400, 0));

        var readable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in subscriptions ?? _scenario.SubscriptionIds.ToList())
            if (_scenario.FindSubscription(s) != null && !_scenario.Settings.IsForbidden(s)) readable.Add(s);

        var rows = Ordered(query, query.Types.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(t => InTable(query.Table, t))
            .SelectMany(Resources)
            .Where(r => ResourceId.SubscriptionOf((string)r["id"]!) is string s && readable.Contains(s))
            .Where(query.Matches)
            .Select(r => (Resource: r, Extended: Extend(query, r))))
            .ToList();

        var page = rows.Skip(offset).Take(pageSize).Select(r => Row(r.Resource, r.Extended, query.Projection)).ToList();
        var result = new JsonObject
        {
            ["totalRecords"] = rows.Count,
            ["count"] = page.Count,
            ["resultTruncated"] = "false",
        };
        if (offset + pageSize < rows.Count) result["$skipToken"] = Token(offset + pageSize, binding);
        result["data"] = new JsonArray(page.ToArray<JsonNode?>());
        return (ArmReply.Json(result), Call(query.Table, 200, page.Count));
    }

    /// <summary>Resource Graph's answer to a query it cannot run, shaped as its error responses are (code, message, details).</summary>
    public static ArmReply InvalidQuery(string reason)
        => ArmReply.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "BadRequest",
                ["message"] = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
                ["details"] = new JsonArray(
                    new JsonObject { ["code"] = "InvalidQuery", ["message"] = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying." },
                    new JsonObject { ["code"] = "UnsupportedQuery", ["message"] = reason }),
            },
        }, 400);

    public static ArmReply RateLimited(int retryAfterSeconds)
        => ArmReply.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "RateLimiting",
                ["message"] = "Please provide below info when asking for support: the user's Resource Graph query quota is used up; retry after the time given in Retry-After.",
            },
        }, 429).WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The resources of a type. VM extensions are resources of their own in Resource Graph: the stored ones, and those a
    /// scenario keeps only in its VM's "resources" array (as a VM GET returns them).
    /// </summary>
    private IEnumerable<JsonObject> Resources(string type)
    {
        if (!type.Equals(ExtensionType, StringComparison.OrdinalIgnoreCase)) return _scenario.OfType(type);
        var byId = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var stored in _scenario.OfType(type)) byId[(string)stored["id"]!] = stored;
        foreach (var vm in _scenario.OfType(VmType))
            if (vm["resources"] is JsonArray children)
                foreach (var child in children.OfType<JsonObject>())
                    if (child["id"] is JsonValue id && string.Equals((string?)child["type"], ExtensionType, StringComparison.OrdinalIgnoreCase))
                        byId.TryAdd((string)id!, child);
        return byId.Values;
    }

    /// <summary>
    /// The rows in the query's order, key by key (strings compared ordinally, ignoring case, as the emulator has always
    /// ordered ids; the engine relies on no particular comparison, only on a stable order in which equal keys are adjacent).
    /// </summary>
    private static IEnumerable<(JsonObject Resource, Dictionary<string, string> Extended)> Ordered(ResourceGraphQuery query,
        IEnumerable<(JsonObject Resource, Dictionary<string, string> Extended)> rows)
    {
        IOrderedEnumerable<(JsonObject Resource, Dictionary<string, string> Extended)>? ordered = null;
        foreach (var (column, descending) in query.Order)
        {
            string Key((JsonObject Resource, Dictionary<string, string> Extended) r) => r.Extended.TryGetValue(column, out var v) ? v : StringColumn(r.Resource, column);
            ordered = ordered == null
                ? descending ? rows.OrderByDescending(Key, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(Key, StringComparer.OrdinalIgnoreCase)
                : descending ? ordered.ThenByDescending(Key, StringComparer.OrdinalIgnoreCase) : ordered.ThenBy(Key, StringComparer.OrdinalIgnoreCase);
        }
        return ordered ?? rows;
    }

    /// <summary>The extend stages' values for a resource.</summary>
    private static Dictionary<string, string> Extend(ResourceGraphQuery query, JsonObject resource)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query.Extended) values[name] = value.Evaluate(c => StringColumn(resource, c));
        return values;
    }

    /// <summary>A string column as the row holds it: type in lower case, "" for a column the resource lacks.</summary>
    private static string StringColumn(JsonObject resource, string column)
    {
        var value = resource[column] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        return column == "type" ? value.ToLowerInvariant() : value;
    }

    /// <summary>Resources holds ARM's top-level resources; RecoveryServicesResources the vaults' backup children.</summary>
    private static bool InTable(string table, string type)
    {
        var child = type.StartsWith(RecoveryServicesChild, StringComparison.OrdinalIgnoreCase);
        if (table == "RecoveryServicesResources") return child;
        return !child && !type.Equals("microsoft.authorization/locks", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Columns of Resource Graph's string type: "" for a resource that lacks them; the others (dynamic) are null then.</summary>
    internal static readonly HashSet<string> StringColumns = new(StringComparer.Ordinal) { "id", "name", "type", "location", "kind", "managedBy" };

    /// <summary>A row: the projected columns, type in lower case as Resource Graph gives it, "" or null for a column the resource lacks.</summary>
    private JsonObject Row(JsonObject resource, Dictionary<string, string> extended, IReadOnlyList<string> columns)
    {
        var type = ((string?)resource["type"] ?? "").ToLowerInvariant();
        var row = new JsonObject();
        foreach (var column in columns)
        {
            if (extended.TryGetValue(column, out var computed))
            {
                row[column] = computed;
                continue;
            }
            if (column == "type")
            {
                row["type"] = type;
                continue;
            }
            var value = resource[column]?.DeepClone();
            if (column == "properties" && value is JsonObject properties)
            {
                // Resource Graph holds the model: no VM instance view, no restore points inside a collection.
                if (type == VmType) properties.Remove("instanceView");
                if (type == CollectionType) properties.Remove("restorePoints");
            }
            row[column] = value ?? (StringColumns.Contains(column) ? JsonValue.Create("") : null);
        }
        RecoveryServicesRows.Shape(row, type, _scenario.Get);
        return row;
    }

    private static string Binding(string query, List<string>? subscriptions)
    {
        var text = query + "\n" + string.Join(",", (subscriptions ?? new List<string>()).Select(s => s.ToLowerInvariant()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    private static string Token(int offset, string binding)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{binding}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryReadToken(string token, string binding, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return parts.Length == 2 && parts[0] == binding && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
