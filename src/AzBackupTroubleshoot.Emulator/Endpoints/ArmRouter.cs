using System;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Picks the endpoint for a request that has passed authentication, api-version, faults and permissions.
/// Checks go from the outside in, as ARM's do: subscription, then resource group, then the resource.
/// Runs under the scenario lock.
/// </summary>
internal sealed class ArmRouter
{
    private readonly Scenario _scenario;
    private readonly SubscriptionEndpoints _subscriptions;
    private readonly ResourceReads _reads;
    private readonly ResourceWrites _writes;
    private readonly LockEndpoints _locks;
    private readonly BackupEndpoints _backup;
    private readonly ProviderEndpoints _providers;
    private readonly RoleEndpoints _roles;
    private readonly PolicyExemptionEndpoints _exemptions;
    private readonly AsyncOperations _operations = new();

    public ArmRouter(Scenario scenario)
    {
        _scenario = scenario;
        _operations.RetryAfter = scenario.Settings.RetryAfterHeader;
        _subscriptions = new SubscriptionEndpoints(scenario);
        _reads = new ResourceReads(scenario);
        _writes = new ResourceWrites(scenario, _reads, _operations);
        _locks = new LockEndpoints(scenario);
        _backup = new BackupEndpoints(scenario, _operations);
        _providers = new ProviderEndpoints(scenario);
        _roles = new RoleEndpoints(scenario);
        _exemptions = new PolicyExemptionEndpoints(scenario);
    }

    public ArmReply Route(ArmRequest request)
    {
        var s = request.Segments;
        // Tenant-level reads: built-in role definitions, then built-in policy and policy set definitions.
        if (s.Length == 4 && RoleEndpoints.IsDefinition(request))
            return request.Method == "GET" ? _roles.GetDefinition(request) : MethodNotAllowed(request);
        // Tenant-level reads: built-in policy and policy set definitions (/providers/Microsoft.Authorization/...).
        if (s.Length == 4 && s[0].Equals("providers", StringComparison.OrdinalIgnoreCase) && request.Method == "GET"
            && s[1].Equals("Microsoft.Authorization", StringComparison.OrdinalIgnoreCase))
            return _scenario.Find(request.Path) is JsonObject definition ? _reads.Get(request, definition) : ArmErrors.Error(404, s[2].Equals("policySetDefinitions", StringComparison.OrdinalIgnoreCase) ? "PolicySetDefinitionNotFound" : "PolicyDefinitionNotFound", $"The policy definition '{s[3]}' could not be found.");
        if (s.Length == 0 || !s[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            return ArmErrors.Error(404, "InvalidResourceType", $"The emulator serves only paths under /subscriptions; '{request.Path}' is not one.");
        if (s.Length == 1) return request.Method == "GET" ? _subscriptions.List(request) : MethodNotAllowed(request);

        var subscriptionId = s[1];
        if (_scenario.FindSubscription(subscriptionId) == null) return ArmErrors.SubscriptionNotFound(subscriptionId);
        if (request.Method == "GET" && _operations.IsPoll(request)) return _operations.Poll(request);
        if (s.Length == 2) return request.Method == "GET" ? _subscriptions.Get(subscriptionId) : MethodNotAllowed(request);

        if (s[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
        {
            if (s.Length == 3) return request.Method == "GET" ? _subscriptions.ListResourceGroups(request, subscriptionId) : MethodNotAllowed(request);
            if (_scenario.FindResourceGroup(subscriptionId, s[3]) == null) return ArmErrors.ResourceGroupNotFound(s[3]);
            if (s.Length == 4) return request.Method == "GET" ? _subscriptions.GetResourceGroup(subscriptionId, s[3]) : MethodNotAllowed(request);
        }

        if (RoleEndpoints.IsDefinition(request))
            return request.Method == "GET" ? _roles.GetDefinition(request) : MethodNotAllowed(request);
        if (RoleEndpoints.IsAssignmentList(request))
            return request.Method == "GET" ? _roles.ListAssignments(request) : MethodNotAllowed(request);
        if (LockEndpoints.IsLockList(request))
            return request.Method == "GET" ? ListLocks(request) : MethodNotAllowed(request);
        if (LockEndpoints.IsLockItem(request))
        {
            return request.Method switch
            {
                "GET" => _scenario.Find(request.Path) is JsonObject found ? _reads.Get(request, found) : NotFound(request),
                "PUT" => _locks.Put(request),
                "DELETE" => _locks.Delete(request),
                _ => MethodNotAllowed(request),
            };
        }

        return request.Method switch
        {
            "GET" => Read(request, subscriptionId),
            "DELETE" => _writes.Blocked(request) ?? _writes.Delete(request),
            "PUT" => _writes.Blocked(request) ?? _writes.Put(request),
            "PATCH" => _writes.Blocked(request) ?? _writes.Patch(request) ?? NotFound(request),
            "POST" => _writes.Blocked(request) ?? Action(request),
            _ => MethodNotAllowed(request),
        };
    }

    private ArmReply Read(ArmRequest request, string subscriptionId)
    {
        var s = request.Segments;
        if (ProviderEndpoints.IsRegistration(request)) return _providers.Registration(request);
        if (ProviderEndpoints.IsRegionRead(request)) return _providers.RegionRead(request);
        if (PolicyExemptionEndpoints.IsList(request)) return _exemptions.List(request);
        if (s.Length == 5 && s[2].Equals("providers", StringComparison.OrdinalIgnoreCase))
            return _reads.ListByType(request, subscriptionId, null, s[3] + "/" + s[4]);
        if (s.Length == 7 && s[4].Equals("providers", StringComparison.OrdinalIgnoreCase))
            return _reads.ListByType(request, subscriptionId, s[3], s[5] + "/" + s[6]);

        if (_scenario.Find(request.Path) is JsonObject resource)
        {
            return string.Equals((string?)resource["type"], BackupEndpoints.JobType, StringComparison.OrdinalIgnoreCase)
                ? _backup.GetJob(resource)
                : _reads.Get(request, resource);
        }
        if (s[^1].Equals("instanceView", StringComparison.OrdinalIgnoreCase)
            && _scenario.Find(ResourceId.Parent(request.Path, 1)) is JsonObject vm
            && string.Equals((string?)vm["type"], ResourceReads.VirtualMachineType, StringComparison.OrdinalIgnoreCase))
            return _reads.InstanceView(vm);
        if (_backup.VaultFor(request, "backupProtectedItems") is JsonObject itemsVault)
            return _backup.ListProtectedItems(request, (string)itemsVault["id"]!);
        if (_backup.VaultFor(request, "backupJobs") is JsonObject jobsVault)
            return _backup.ListJobs(request, (string)jobsVault["id"]!);
        if (_reads.FindEmbedded(request.Path) is JsonObject embedded)
            return ArmReply.Json(ResourceJson.Write(embedded));
        return _reads.ListChildren(request) ?? NotFound(request);
    }

    private ArmReply ListLocks(ArmRequest request)
    {
        var scope = request.Path[..^ResourceId.LockMarker.Length];
        return _scenario.ScopeExists(scope) ? _locks.List(request) : NotFound(request, scope);
    }

    /// <summary>POST actions: on-demand backup of a protected item, and cancelling a backup job.</summary>
    private ArmReply Action(ArmRequest request)
    {
        var targetId = ResourceId.Parent(request.Path, 1);
        var target = _scenario.Find(targetId);
        if (target == null) return NotFound(request, targetId);
        var type = (string?)target["type"];
        var action = request.Segments[^1];
        if (action.Equals("backup", StringComparison.OrdinalIgnoreCase) && string.Equals(type, BackupEndpoints.ProtectedItemType, StringComparison.OrdinalIgnoreCase))
            return _backup.TriggerBackup(request, target);
        if (action.Equals("cancel", StringComparison.OrdinalIgnoreCase) && string.Equals(type, BackupEndpoints.JobType, StringComparison.OrdinalIgnoreCase))
            return _backup.CancelJob(request, target);
        return ArmErrors.NotImplemented(request.Method, request.Path);
    }

    private static ArmReply NotFound(ArmRequest request, string? id = null)
    {
        id ??= request.Path;
        return ArmErrors.ResourceNotFound(ResourceId.TypeOf(id), ResourceId.NameOf(id), ResourceId.ResourceGroupOf(id));
    }

    private static ArmReply MethodNotAllowed(ArmRequest request)
        => ArmErrors.Error(405, "MethodNotAllowed", $"The emulator does not allow {request.Method} on '{request.Path}'.");
}
