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
        var items = _scenario.OfType(type).Where(r => ResourceId.IsWithin((string)r["id"]!, scope)).ToList();
        return Paging.Page(request, items, r => Omitted(request, r, inList: true));
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
    /// What ARM leaves out unless asked: a VM's instance view (kept with $expand=instanceView, and in lists with
    /// statusOnly=true) and a collection's restore points (kept with $expand=restorePoints on a single GET only).
    /// </summary>
    private static string? Omitted(ArmRequest request, JsonObject resource, bool inList)
    {
        var type = (string?)resource["type"];
        if (string.Equals(type, VirtualMachineType, StringComparison.OrdinalIgnoreCase))
        {
            var keep = request.Expands("instanceView") || (inList && string.Equals(request.Query("statusOnly"), "true", StringComparison.OrdinalIgnoreCase));
            return keep ? null : "instanceView";
        }
        if (string.Equals(type, RestorePointCollectionType, StringComparison.OrdinalIgnoreCase))
            return !inList && request.Expands("restorePoints") ? null : "restorePoints";
        return null;
    }
}
