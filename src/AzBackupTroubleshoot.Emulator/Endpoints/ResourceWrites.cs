using System;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Writes to resources: lock enforcement (ScopeLocked), long-running DELETE of any stored resource or restore point,
/// and plain PUT/PATCH. A delete marks the resource Deleting and removes it when its operation succeeds.
/// Callers hold the scenario lock.
/// </summary>
internal sealed class ResourceWrites
{
    private readonly Scenario _scenario;
    private readonly ResourceReads _reads;
    private readonly AsyncOperations _operations;

    public ResourceWrites(Scenario scenario, ResourceReads reads, AsyncOperations operations)
    {
        _scenario = scenario;
        _reads = reads;
        _operations = operations;
    }

    /// <summary>
    /// The 409 ARM gives when a lock forbids the operation: CanNotDelete and ReadOnly block deletes; ReadOnly also
    /// blocks PUT, PATCH and POST. Null when nothing blocks it.
    /// </summary>
    public ArmReply? Blocked(ArmRequest request)
    {
        var deleting = request.Method == "DELETE";
        var locks = deleting
            ? LockCoverage.Covering(_scenario, request.Path, "CanNotDelete", "ReadOnly")
            : LockCoverage.Covering(_scenario, request.Path, "ReadOnly");
        if (locks.Count == 0) return null;
        var operation = deleting ? "delete" : request.Method == "POST" ? "action" : "write";
        var target = request.Method == "POST" ? ResourceId.Parent(request.Path, 1) : request.Path;
        return ArmErrors.ScopeLocked(target, operation, LockCoverage.Describe(locks));
    }

    public ArmReply Delete(ArmRequest request)
    {
        var stored = _scenario.Find(request.Path);
        var embedded = stored == null ? _reads.FindEmbedded(request.Path) : null;
        var target = stored ?? embedded;
        if (target == null) return new ArmReply(204); // ARM answers a delete of something absent with 204.

        var properties = target["properties"] as JsonObject;
        var stateBefore = properties?["provisioningState"]?.DeepClone();
        if (properties != null) properties["provisioningState"] = "Deleting";

        var id = request.Path;
        var operationId = _operations.Start(
            onSucceeded: () =>
            {
                if (stored != null) RemoveStored(id);
                else RemoveEmbedded(id);
            },
            failure: request.OperationFault,
            onFailed: () =>
            {
                if (properties != null) properties["provisioningState"] = stateBefore?.DeepClone();
            });

        var statusPath = $"/subscriptions/{ResourceId.SubscriptionOf(id)}/providers/{Namespace(id)}/locations/{LocationOf(id)}/operations/{operationId}";
        return new ArmReply(202)
            .WithHeader("Azure-AsyncOperation", request.UrlFor(statusPath))
            .WithHeader("Location", request.UrlFor(statusPath, "monitor=true"))
            .WithHeader("Retry-After", _scenario.Settings.RetryAfterHeader);
    }

    /// <summary>PUT replaces (or creates) a stored resource with the body, keeping its id, name and type.</summary>
    public ArmReply Put(ArmRequest request)
    {
        if (request.Body == null) return ArmErrors.InvalidRequest("InvalidRequestContent", "The request body must be a JSON object.");
        var existing = _scenario.Find(request.Path);
        var resource = (JsonObject)request.Body.DeepClone();
        resource["id"] = existing?["id"]?.GetValue<string>() ?? request.Path;
        resource["name"] = ResourceId.NameOf(request.Path);
        resource["type"] = existing?["type"]?.GetValue<string>() ?? ResourceId.TypeOf(request.Path);
        if (resource["location"] == null && existing?["location"] != null) resource["location"] = existing["location"]!.DeepClone();
        _scenario.Add(resource);
        return ArmReply.Json(ResourceJson.Write(resource), existing == null ? 201 : 200);
    }

    /// <summary>PATCH merges the body's top-level members, and the members of "properties", into the stored resource.</summary>
    public ArmReply? Patch(ArmRequest request)
    {
        var existing = _scenario.Find(request.Path);
        if (existing == null) return null;
        foreach (var (name, value) in request.Body ?? new JsonObject())
        {
            if (name == "properties" && value is JsonObject patch && existing["properties"] is JsonObject properties)
                foreach (var (propertyName, propertyValue) in patch) properties[propertyName] = propertyValue?.DeepClone();
            else if (name is not ("id" or "name" or "type"))
                existing[name] = value?.DeepClone();
        }
        return ArmReply.Json(ResourceJson.Write(existing));
    }

    private void RemoveStored(string id)
    {
        var removed = _scenario.Find(id);
        _scenario.Remove(id);
        // A VM extension also disappears from the VM's model and instance view (its handler too: the agent uninstalls it).
        if (ResourceId.TypeOf(id).Equals("Microsoft.Compute/virtualMachines/extensions", StringComparison.OrdinalIgnoreCase)
            && _scenario.Find(ResourceId.Parent(id)) is JsonObject vm)
        {
            var name = ResourceId.NameOf(id);
            var handlerType = $"{(string?)removed?["properties"]?["publisher"]}.{(string?)removed?["properties"]?["type"]}";
            RemoveWhere(vm["properties"]?["instanceView"]?["vmAgent"]?["extensionHandlers"] as JsonArray, h => string.Equals((string?)h["type"], handlerType, StringComparison.OrdinalIgnoreCase));
            RemoveWhere(vm["properties"]?["instanceView"]?["extensions"] as JsonArray, e => string.Equals((string?)e["name"], name, StringComparison.OrdinalIgnoreCase));
            RemoveWhere(vm["resources"] as JsonArray, e => string.Equals((string?)e["id"], id, StringComparison.OrdinalIgnoreCase));
        }
    }

    private void RemoveEmbedded(string id)
    {
        var parent = _scenario.Find(ResourceId.Parent(id));
        var name = ResourceId.NameOf(id);
        RemoveWhere(parent?["properties"]?[ResourceId.Segments(id)[^2]] as JsonArray,
            c => string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase) || string.Equals((string?)c["id"], id, StringComparison.OrdinalIgnoreCase));
    }

    private static void RemoveWhere(JsonArray? array, Func<JsonObject, bool> match)
    {
        if (array == null) return;
        foreach (var item in array.OfType<JsonObject>().Where(match).ToList()) array.Remove(item);
    }

    private static string Namespace(string id)
    {
        var segments = ResourceId.Segments(id);
        var providers = Array.FindIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return providers >= 0 && providers + 1 < segments.Length ? segments[providers + 1] : "Microsoft.Resources";
    }

    /// <summary>The region in the operation URL: the resource's, else its nearest stored parent's, else its group's.</summary>
    private string LocationOf(string id)
    {
        for (var current = id; current.Length > 0; current = ResourceId.Parent(current))
            if ((string?)_scenario.Find(current)?["location"] is string location) return location;
        var sub = ResourceId.SubscriptionOf(id);
        var rg = ResourceId.ResourceGroupOf(id);
        return (sub != null && rg != null ? (string?)_scenario.FindResourceGroup(sub, rg)?["location"] : null) ?? "westeurope";
    }
}
