using System;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Management locks: list at a scope, get, create or update (PUT), delete. A lock is stored as a resource whose id is
/// "{scope}/providers/Microsoft.Authorization/locks/{name}". Lock writes are never blocked by locks, as in ARM.
/// </summary>
internal sealed class LockEndpoints
{
    private static readonly string[] Levels = { "CanNotDelete", "ReadOnly" };
    private readonly Scenario _scenario;

    public LockEndpoints(Scenario scenario) => _scenario = scenario;

    public static bool IsLockList(ArmRequest request) => request.Path.EndsWith(ResourceId.LockMarker, StringComparison.OrdinalIgnoreCase);

    public static bool IsLockItem(ArmRequest request)
        => ResourceId.Parent(request.Path, 1).EndsWith(ResourceId.LockMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Locks that apply at a scope: those on the scope and everything below it, plus those inherited from its parents
    /// (a group's list includes the subscription's locks). $filter=atScope() keeps only the scope's own and inherited ones.
    /// </summary>
    public ArmReply List(ArmRequest request)
    {
        var scope = request.Path[..^ResourceId.LockMarker.Length];
        var atScopeOnly = request.Query("$filter")?.Contains("atScope()", StringComparison.OrdinalIgnoreCase) == true;
        var locks = _scenario.OfType(LockCoverage.LockType).Where(l =>
        {
            var lockScope = ResourceId.LockScope((string)l["id"]!);
            var inherited = ResourceId.IsWithin(scope, lockScope);
            var below = ResourceId.IsWithin(lockScope, scope);
            return inherited || (below && !atScopeOnly);
        }).ToList();
        return Paging.Page(request, locks);
    }

    public ArmReply Put(ArmRequest request)
    {
        var scope = ResourceId.LockScope(request.Path);
        if (!_scenario.ScopeExists(scope))
            return ArmErrors.Error(404, "ResourceNotFound", $"The scope '{scope}' of the lock does not exist.");
        var level = (string?)request.Body?["properties"]?["level"];
        if (level == null || !Levels.Contains(level, StringComparer.OrdinalIgnoreCase))
            return ArmErrors.InvalidRequest("InvalidLockLevel", "A lock needs properties.level set to CanNotDelete or ReadOnly.");
        var notes = (string?)request.Body!["properties"]?["notes"];
        if (notes?.Length > 512) return ArmErrors.InvalidRequest("LockNotesTooLong", "Lock notes may be at most 512 characters.");

        var existed = _scenario.Find(request.Path) != null;
        var properties = new JsonObject { ["level"] = Levels.First(l => l.Equals(level, StringComparison.OrdinalIgnoreCase)) };
        if (notes != null) properties["notes"] = notes;
        properties["owners"] = request.Body["properties"]?["owners"]?.DeepClone() ?? new JsonArray();
        var stored = new JsonObject
        {
            ["properties"] = properties,
            ["id"] = request.Path,
            ["type"] = LockCoverage.LockType,
            ["name"] = request.Segments[^1],
        };
        _scenario.Add(stored);
        return ArmReply.Json(ResourceJson.Write(stored), existed ? 200 : 201);
    }

    public ArmReply Delete(ArmRequest request)
        => new(_scenario.Remove(request.Path) ? 200 : 204);
}
