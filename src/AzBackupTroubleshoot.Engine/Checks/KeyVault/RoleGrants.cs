using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Compliance;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.KeyVault
{
    /// <summary>What role assignments grant on a key vault's data plane, from their role definitions' data actions.</summary>
    internal static class RoleGrants
    {
        /// <summary>
        /// A role grants an action when a permission block's dataActions match it (wildcards as Azure writes them:
        /// "Microsoft.KeyVault/vaults/*", "*/read") and the same block's notDataActions do not: Azure subtracts
        /// notDataActions within a role, never from what another assignment grants.
        /// </summary>
        public static bool Grants(JsonElement definition, string action)
            => definition.Array("properties.permissions").Any(p => Matches(p, "dataActions", action) && !Matches(p, "notDataActions", action));

        /// <summary>The needed actions that none of <paramref name="assignments"/> grants (their grants add up).</summary>
        public static List<string> Missing(IEnumerable<string> needed, IReadOnlyCollection<RoleAssignmentFacts> assignments)
            => needed.Where(a => !assignments.Any(r => r.Definition is JsonElement d && Grants(d, a))).ToList();

        /// <summary>The principals whose assignments grant at least one of the needed actions.</summary>
        public static List<string> PrincipalsGrantingAny(IEnumerable<string> needed, IEnumerable<RoleAssignmentFacts> assignments)
        {
            var actions = needed.ToList();
            return assignments.Where(r => r.Definition is JsonElement d && actions.Any(a => Grants(d, a)))
                .Select(PrincipalOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        public static string PrincipalOf(RoleAssignmentFacts r) => r.Assignment.Str("properties.principalId") ?? "";

        /// <summary>Groups (and foreign groups): a principal can hold what they are granted without an assignment of its own.</summary>
        public static bool IsGroup(RoleAssignmentFacts r)
            => (r.Assignment.Str("properties.principalType") ?? "").EndsWith("Group", StringComparison.OrdinalIgnoreCase);

        /// <summary>The role's name, or its id when the definition was not read.</summary>
        public static string RoleName(RoleAssignmentFacts r)
            => r.Definition?.Str("properties.roleName") ?? ArmIds.NameOf(r.Assignment.Str("properties.roleDefinitionId") ?? "?");

        private static bool Matches(JsonElement permission, string list, string action)
            => permission.Array(list).Any(p => p.GetString() is string pattern && Wildcard.Matches(pattern, action));
    }
}
