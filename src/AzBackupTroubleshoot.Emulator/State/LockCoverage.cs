using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.State;

/// <summary>Which management locks constrain a resource: those on it or on any parent scope (resource, group, subscription).</summary>
internal static class LockCoverage
{
    public const string LockType = "Microsoft.Authorization/locks";

    public static IReadOnlyList<JsonObject> Covering(Scenario scenario, string resourceId, params string[] levels)
        => scenario.OfType(LockType)
            .Where(l => ResourceId.IsWithin(resourceId, ResourceId.LockScope((string)l["id"]!)))
            .Where(l => levels.Contains((string?)l["properties"]?["level"], StringComparer.OrdinalIgnoreCase))
            .ToList();

    /// <summary>The locked scopes as ARM lists them in a ScopeLocked message: 'scope1','scope2'.</summary>
    public static string Describe(IEnumerable<JsonObject> locks)
        => string.Join(",", locks.Select(l => ResourceId.LockScope((string)l["id"]!)).Distinct(StringComparer.OrdinalIgnoreCase).Select(s => $"'{s}'"));
}
