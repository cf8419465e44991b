using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Role assignments and role definitions (Microsoft.Authorization 2022-04-01). An assignment is stored as a resource
/// whose id is "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}". RoleAssignments_ListForScope gives
/// the assignments at the scope, above it (inherited; management groups and the root count as above everything here)
/// and below it; $filter=atScope() keeps those at and above, $filter=principalId eq '{id}' one principal's; any other
/// filter is a 400 (the spec documents those two). Custom role definitions are scenario resources; the built-in ones
/// come from State/BuiltInRoles.json and answer at any scope by their well-known ids, as ARM's do.
/// </summary>
internal sealed class RoleEndpoints
{
    public const string AssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string DefinitionType = "Microsoft.Authorization/roleDefinitions";
    private const string AssignmentMarker = "/providers/Microsoft.Authorization/roleAssignments";
    private const string DefinitionMarker = "/providers/Microsoft.Authorization/roleDefinitions";

    private static readonly Regex PrincipalFilter = new(@"^\s*principalId\s+eq\s+'(?<id>[^']+)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Lazy<IReadOnlyList<JsonObject>> BuiltIns = new(LoadBuiltIns);

    private readonly Scenario _scenario;

    public RoleEndpoints(Scenario scenario) => _scenario = scenario;

    public static bool IsAssignmentList(ArmRequest request) => request.Path.EndsWith(AssignmentMarker, StringComparison.OrdinalIgnoreCase);

    public static bool IsDefinition(ArmRequest request)
        => ResourceId.Parent(request.Path, 1).EndsWith(DefinitionMarker, StringComparison.OrdinalIgnoreCase);

    public ArmReply ListAssignments(ArmRequest request)
    {
        var scope = request.Path[..^AssignmentMarker.Length];
        if (!_scenario.ScopeExists(scope))
            return ArmErrors.ResourceNotFound(ResourceId.TypeOf(scope), ResourceId.NameOf(scope), ResourceId.ResourceGroupOf(scope));
        var filter = request.Query("$filter");
        var principal = filter == null ? null : PrincipalFilter.Match(filter);
        var atScope = filter?.Trim() == "atScope()";
        if (filter != null && !atScope && principal is not { Success: true })
            return ArmErrors.InvalidRequest("BadRequest", $"The filter '{filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{{value}}''.");

        var assignments = _scenario.OfType(AssignmentType).Where(a =>
        {
            var assignedAt = ScopeOf((string)a["id"]!);
            var above = IsAboveEverything(assignedAt) || ResourceId.IsWithin(scope, assignedAt);
            var below = ResourceId.IsWithin(assignedAt, scope);
            if (principal is { Success: true } p)
                return (above || below) && string.Equals((string?)a["properties"]?["principalId"], p.Groups["id"].Value, StringComparison.OrdinalIgnoreCase);
            return above || (below && !atScope);
        }).ToList();
        return Paging.Page(request, assignments);
    }

    /// <summary>RoleDefinitions_Get at any scope: a custom definition by its id or name, else a built-in one carrying the asked id.</summary>
    public ArmReply GetDefinition(ArmRequest request)
    {
        var name = ResourceId.NameOf(request.Path);
        var custom = _scenario.Find(request.Path)
            ?? _scenario.OfType(DefinitionType).FirstOrDefault(d => string.Equals((string?)d["name"], name, StringComparison.OrdinalIgnoreCase));
        if (custom != null) return ArmReply.Json(ResourceJson.Write(custom));
        var builtIn = BuiltIns.Value.FirstOrDefault(d => string.Equals((string?)d["name"], name, StringComparison.OrdinalIgnoreCase));
        if (builtIn == null)
            return ArmErrors.Error(404, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{name}' does not exist.");
        var answer = (JsonObject)builtIn.DeepClone();
        answer["id"] = request.Path;
        answer["type"] = DefinitionType;
        return ArmReply.Json(ResourceJson.Write(answer));
    }

    private static string ScopeOf(string assignmentId)
    {
        var marker = assignmentId.IndexOf(AssignmentMarker + "/", StringComparison.OrdinalIgnoreCase);
        return marker <= 0 ? "/" : assignmentId[..marker];
    }

    /// <summary>The root and management groups: the emulator keeps no hierarchy, so they sit above every subscription.</summary>
    private static bool IsAboveEverything(string scope)
        => scope == "/" || scope.StartsWith("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<JsonObject> LoadBuiltIns()
    {
        using var stream = typeof(RoleEndpoints).Assembly.GetManifestResourceStream("BuiltInRoles.json")
            ?? throw new InvalidOperationException("The emulator's built-in role catalog is missing.");
        return JsonNode.Parse(stream)!["roles"]!.AsArray().OfType<JsonObject>().ToList();
    }
}
