using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Reads of stored resources: by id, lists by type per subscription or group, a VM's instance view, and child
/// collections. Restore points live inside their collection (properties.restorePoints) and are served from there.
/// </summary>
internal sealed class ResourceReads
{
    public const string VirtualMachineType = "Microsoft.Compute/virtualMachines";
    public const string RestorePointCollectionType = "Microsoft.Compute/restorePointCollections";

    private readonly Scenario _scenario;

    public ResourceReads(Scenario scenario) => _scenario = scenario;

    /// <summary>Every resource of a top-level type in a subscription, or in one of its groups.</summary>
    public ArmReply ListByType(ArmRequest request, string subscriptionId, string? resourceGroup, string type)
    {
        var scope = resourceGroup == null ? ResourceId.SubscriptionId(subscriptionId) : ResourceId.ResourceGroupId(subscriptionId, resourceGroup);
        var items = _scenario.OfTypeWithin(type, scope);
        if (string.Equals(type, VirtualMachineType, StringComparison.OrdinalIgnoreCase))
        {
            // VirtualMachines_List/_ListAll: $expand=instanceView "can only be specified if a valid $filter option is
            // specified" (the spec), and ARM answers 400 without one.
            if (request.Expands("instanceView") && request.Query("$filter") == null) return ArmErrors.ExpandInstanceViewWithoutFilter();
            if (IsStatusOnly(request)) return Paging.Page(request, items, project: StatusOnlyView);
        }
        return Paging.Page(request, items, r => Omitted(request, r, inList: true));
    }

    private static bool IsStatusOnly(ArmRequest request)
        => string.Equals(request.Query("statusOnly"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A VM as a statusOnly list gives it: its identity and its run-time status, not its model (clients report tags,
    /// network and storage profiles missing from these answers). How much of the instance view ARM puts there is not
    /// documented: the whole stored view by default, the statuses alone with the setting "statusOnlyView": "statuses".
    /// </summary>
    private JsonObject StatusOnlyView(JsonObject vm)
    {
        var view = vm["properties"]?["instanceView"] as JsonObject;
        JsonNode? carried = view == null ? null
            : _scenario.Settings.StatusOnlyStatusesOnly ? new JsonObject { ["statuses"] = view["statuses"]?.DeepClone() }
            : view.DeepClone();
        var reduced = new JsonObject();
        foreach (var key in new[] { "name", "id", "type", "location" })
            if (vm[key] != null) reduced[key] = vm[key]!.DeepClone();
        reduced["properties"] = new JsonObject { ["instanceView"] = carried };
        return reduced;
    }

    public ArmReply Get(ArmRequest request, JsonObject resource)
        => ArmReply.Json(ResourceJson.Write(resource, Omitted(request, resource, inList: false)));

    /// <summary>GET {vmId}/instanceView: the instance view alone.</summary>
    public ArmReply InstanceView(JsonObject vm)
        => ArmReply.Json(vm["properties"]?["instanceView"]?.ToJsonString() ?? "{}");

    /// <summary>A child kept inside its parent's properties (e.g. {rpcId}/restorePoints/{name}), or null.</summary>
    public JsonObject? FindEmbedded(string childId)
    {
        var parent = _scenario.Find(ResourceId.Parent(childId));
        if (parent?["properties"]?[ResourceId.Segments(childId)[^2]] is not JsonArray children) return null;
        var name = ResourceId.NameOf(childId);
        return children.OfType<JsonObject>().FirstOrDefault(c =>
            string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase)
            || string.Equals((string?)c["id"], childId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>GET {parentId}/{childType}: stored children plus those kept inside the parent; null when the parent is unknown.</summary>
    public ArmReply? ListChildren(ArmRequest request)
    {
        var parentId = ResourceId.Parent(request.Path, 1);
        var parent = _scenario.Find(parentId);
        if (parent == null) return null;
        var childType = request.Segments[^1];
        var children = new List<JsonObject>(_scenario.ChildrenOf(parentId, childType));
        if (parent["properties"]?[childType] is JsonArray embedded) children.AddRange(embedded.OfType<JsonObject>());
        return Paging.Page(request, children);
    }

    /// <summary>
    /// What ARM leaves out unless asked: a VM's instance view (kept with $expand=instanceView on a single GET; lists give
    /// it with statusOnly=true, see <see cref="StatusOnlyView"/>) and a collection's restore points (kept with $expand=restorePoints on a single GET only).
    /// </summary>
    private static string? Omitted(ArmRequest request, JsonObject resource, bool inList)
    {
        var type = (string?)resource["type"];
        if (string.Equals(type, VirtualMachineType, StringComparison.OrdinalIgnoreCase))
        {
            return !inList && request.Expands("instanceView") ? null : "instanceView";
        }
        if (string.Equals(type, RestorePointCollectionType, StringComparison.OrdinalIgnoreCase))
            return !inList && request.Expands("restorePoints") ? null : "restorePoints";
        return null;
    }
}
