using System.Text.Json;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// One Azure role assignment that applies at a key vault using Azure RBAC (on the vault or inherited from its group,
    /// subscription or a management group: RoleAssignments_ListForScope with atScope()), with the role definition it
    /// references as ARM returned it; null when that definition was not read.
    /// </summary>
    public sealed record RoleAssignmentFacts(string KeyVaultId, JsonElement Assignment, JsonElement? Definition);
}
