using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// The Azure the emulator plays: subscriptions, resource groups and ARM resources as ARM returns them.
/// It is live state: the emulator's writes (lock PUT, deletes, backup jobs) change it. Every access goes through one
/// lock (<see cref="Sync"/>), which keeps the JSON nodes safe without any cleverness; requests are short.
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<string, JsonObject> _subscriptions = new();
    private readonly Dictionary<string, JsonObject> _resourceGroups = new();
    private readonly Dictionary<string, JsonObject> _resources = new();
    // Insertion order per type, so paged lists are stable between pages.
    private readonly Dictionary<string, List<JsonObject>> _byType = new();

    public string? Description { get; set; }

    public ScenarioSettings Settings { get; private set; } = new();

    internal object Sync { get; } = new();

    public static Scenario Load(string path, DateTimeOffset? now = null) => Parse(File.ReadAllText(path), now);

    /// <summary>
    /// Reads the scenario format described in docs/emulator.md. "@now-2h" style strings become timestamps relative to
    /// <paramref name="now"/> (the current time when null; tests that compare whole outputs pin it).
    /// </summary>
    /// A scenario that cannot be served throws <see cref="InvalidScenarioException"/>, one line saying what is wrong.
    public static Scenario Parse(string json, DateTimeOffset? now = null)
    {
        try
        {
            return ParseCore(json, now);
        }
        catch (InvalidScenarioException)
        {
            throw;
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is ArgumentException
                                   || ex is InvalidCastException || ex is OverflowException || ex is KeyNotFoundException)
        {
            throw new InvalidScenarioException(ex.Message, ex);
        }
    }

    private static Scenario ParseCore(string json, DateTimeOffset? now)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new FormatException("A scenario must be a JSON object.");
        RelativeTime.Resolve(root, now ?? DateTimeOffset.UtcNow);

        var scenario = new Scenario
        {
            Description = (string?)root["description"],
            Settings = ScenarioSettings.FromJson(root["settings"] as JsonObject),
        };
        foreach (var sub in Items(root, "subscriptions"))
            scenario.AddSubscription(Required(sub, "subscriptionId"), (string?)sub["displayName"], (string?)sub["tenantId"]);
        foreach (var rg in Items(root, "resourceGroups"))
        {
            var id = Required(rg, "id");
            scenario.AddResourceGroup(ResourceId.SubscriptionOf(id) ?? throw new FormatException($"Resource group id '{id}' names no subscription."),
                (string?)rg["name"] ?? ResourceId.NameOf(id), (string?)rg["location"]);
        }
        foreach (var resource in Items(root, "resources"))
            scenario.Add(resource.DeepClone());
        return scenario;
    }

    public void AddSubscription(string subscriptionId, string? displayName = null, string? tenantId = null)
    {
        lock (Sync)
        {
            _subscriptions[subscriptionId.ToLowerInvariant()] = new JsonObject
            {
                ["id"] = ResourceId.SubscriptionId(subscriptionId),
                ["subscriptionId"] = subscriptionId,
                ["tenantId"] = tenantId ?? "72f988bf-0000-0000-0000-000000000000",
                ["displayName"] = displayName ?? subscriptionId,
                ["state"] = "Enabled",
                ["subscriptionPolicies"] = new JsonObject { ["locationPlacementId"] = "Public_2014-09-01", ["quotaId"] = "PayAsYouGo_2014-09-01", ["spendingLimit"] = "Off" },
            };
        }
    }

    public void AddResourceGroup(string subscriptionId, string name, string? location)
    {
        lock (Sync)
        {
            EnsureSubscription(subscriptionId);
            var id = ResourceId.ResourceGroupId(subscriptionId, name);
            _resourceGroups[ResourceId.Key(id)] = NewResourceGroup(id, name, location);
        }
    }

    /// <summary>Adds or replaces a resource (it needs "id" and "type"); its subscription and resource group come into being.</summary>
    public void Add(JsonNode resource)
    {
        if (resource is not JsonObject obj) throw new FormatException("A resource must be a JSON object.");
        var id = Required(obj, "id");
        var type = Required(obj, "type");
        obj["name"] ??= ResourceId.NameOf(id);
        lock (Sync)
        {
            Remove(id, withChildren: false);
            _within.Clear();
            _resources[ResourceId.Key(id)] = obj;
            var typeKey = type.ToLowerInvariant();
            if (!_byType.TryGetValue(typeKey, out var list)) _byType[typeKey] = list = new List<JsonObject>();
            list.Add(obj);
            ImplyParents(id, (string?)obj["location"]);
        }
    }

    /// <summary>Removes a resource and everything stored beneath its id (child resources, locks on it).</summary>
    public bool Remove(string id)
    {
        lock (Sync) return Remove(id, withChildren: true);
    }

    /// <summary>A copy of the stored resource, or null.</summary>
    public JsonNode? Get(string id)
    {
        lock (Sync) return Find(id)?.DeepClone();
    }

    /// <summary>Copies of every stored resource of a type (e.g. "Microsoft.Compute/virtualMachines").</summary>
    public IReadOnlyList<JsonNode> Resources(string type)
    {
        lock (Sync) return OfType(type).Select(r => r.DeepClone()).ToList();
    }

    public int Count(string type)
    {
        lock (Sync) return OfType(type).Count;
    }

    public IReadOnlyList<string> SubscriptionIds
    {
        get { lock (Sync) return _subscriptions.Values.Select(s => (string)s["subscriptionId"]!).ToList(); }
    }

    public IReadOnlyList<string> ResourceGroupIds
    {
        get { lock (Sync) return _resourceGroups.Values.Select(g => (string)g["id"]!).ToList(); }
    }

    // ---- live access for the endpoints; callers hold Sync ----

    internal JsonObject? Find(string id) => _resources.TryGetValue(ResourceId.Key(id), out var r) ? r : null;

    internal IReadOnlyList<JsonObject> OfType(string type)
        => _byType.TryGetValue(type.ToLowerInvariant(), out var list) ? list : Array.Empty<JsonObject>();

    // The resources of a type within a scope, in the order added: worked out once per state of the scenario (under
    // Sync), since a list is asked for page by page. Filtering every resource of the type again for each page (100,000
    // VMs for each page of 50 at 10 x 10,000, under the emulator's one lock) made the emulator the benchmark's limit.
    private readonly Dictionary<(string Type, string Scope), List<JsonObject>> _within = new();

    internal IReadOnlyList<JsonObject> OfTypeWithin(string type, string scope)
    {
        var key = (type.ToLowerInvariant(), scope.TrimEnd('/').ToLowerInvariant());
        if (!_within.TryGetValue(key, out var list))
            _within[key] = list = OfType(type).Where(r => ResourceId.IsWithin((string)r["id"]!, scope)).ToList();
        return list;
    }

    internal IEnumerable<JsonObject> AllSubscriptions => _subscriptions.Values;

    internal JsonObject? FindSubscription(string subscriptionId)
        => _subscriptions.TryGetValue(subscriptionId.ToLowerInvariant(), out var s) ? s : null;

    internal JsonObject? FindResourceGroup(string subscriptionId, string name)
        => _resourceGroups.TryGetValue(ResourceId.Key(ResourceId.ResourceGroupId(subscriptionId, name)), out var g) ? g : null;

    internal IEnumerable<JsonObject> ResourceGroupsOf(string subscriptionId)
        => _resourceGroups.Values.Where(g => string.Equals(ResourceId.SubscriptionOf((string)g["id"]!), subscriptionId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Stored resources whose id is exactly one "{childType}/{name}" pair below the parent.</summary>
    internal IEnumerable<JsonObject> ChildrenOf(string parentId, string childType)
    {
        var prefix = parentId.TrimEnd('/') + "/" + childType + "/";
        var type = (string?)Find(parentId)?["type"] + "/" + childType;
        return OfType(type).Where(r =>
        {
            var id = (string)r["id"]!;
            return id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && id.IndexOf('/', prefix.Length) < 0;
        });
    }

    /// <summary>Whether a scope (subscription, resource group or resource id) exists.</summary>
    internal bool ScopeExists(string scope)
    {
        var segments = ResourceId.Segments(scope);
        if (segments.Length == 2) return FindSubscription(segments[1]) != null;
        if (segments.Length == 4) return FindResourceGroup(segments[1], segments[3]) != null;
        return Find(scope) != null;
    }

    private bool Remove(string id, bool withChildren)
    {
        var key = ResourceId.Key(id);
        var removed = false;
        foreach (var victim in withChildren ? _resources.Keys.Where(k => k == key || k.StartsWith(key + "/", StringComparison.Ordinal)).ToList() : new List<string> { key })
        {
            if (!_resources.Remove(victim, out var resource)) continue;
            _byType[((string)resource["type"]!).ToLowerInvariant()].Remove(resource);
            _within.Clear();
            removed = true;
        }
        return removed;
    }

    private void ImplyParents(string id, string? location)
    {
        var sub = ResourceId.SubscriptionOf(id);
        if (sub == null) return;
        EnsureSubscription(sub);
        var rg = ResourceId.ResourceGroupOf(id);
        if (rg == null) return;
        var key = ResourceId.Key(ResourceId.ResourceGroupId(sub, rg));
        if (!_resourceGroups.TryGetValue(key, out var group))
            _resourceGroups[key] = NewResourceGroup(ResourceId.ResourceGroupId(sub, rg), rg, location);
        else if (group["location"] == null && location != null)
            group["location"] = location;
    }

    private void EnsureSubscription(string subscriptionId)
    {
        if (!_subscriptions.ContainsKey(subscriptionId.ToLowerInvariant())) AddSubscription(subscriptionId);
    }

    private static JsonObject NewResourceGroup(string id, string name, string? location) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = "Microsoft.Resources/resourceGroups",
        ["location"] = location,
        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
    };

    private static IEnumerable<JsonObject> Items(JsonObject root, string name)
    {
        if (root[name] == null) return Enumerable.Empty<JsonObject>();
        if (root[name] is not JsonArray array) throw new FormatException($"\"{name}\" must be an array.");
        for (var i = 0; i < array.Count; i++)
            if (array[i] is not JsonObject) throw new FormatException($"{name}[{i}] must be a JSON object.");
        return array.OfType<JsonObject>().ToList();
    }

    private static string Required(JsonObject obj, string name)
        => (string?)obj[name] ?? throw new FormatException($"An item is missing \"{name}\": {obj.ToJsonString()[..Math.Min(200, obj.ToJsonString().Length)]}");
}
