using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// The reads behind the key vault RBAC facts, once per scan however many subscriptions' VMs use a vault: the role
    /// assignments that apply at a key vault (RoleAssignments_ListForScope, $filter=atScope(): those on the vault and
    /// those inherited from its group, subscription and management groups) and each role definition they reference
    /// (RoleDefinitions_Get by the assignment's roleDefinitionId). A failure is kept too, and reported once.
    /// </summary>
    internal sealed class RoleAssignmentReads
    {
        public const string AssignmentsPath = "/providers/Microsoft.Authorization/roleAssignments";
        public const string AtScopeQuery = "$filter=atScope()";

        private readonly ConcurrentDictionary<string, Lazy<Task<List<JsonElement>>>> _assignments = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Lazy<Task<JsonElement>>> _definitions = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.OrdinalIgnoreCase);

        public Task<List<JsonElement>> AssignmentsAsync(BoundedArmReader arm, string keyVaultId, CancellationToken ct)
            => _assignments.GetOrAdd(keyVaultId.TrimEnd('/'), id => new Lazy<Task<List<JsonElement>>>(
                () => arm.ListAsync(id + AssignmentsPath, ApiVersions.Authorization, AtScopeQuery, ct))).Value;

        public Task<JsonElement> DefinitionAsync(BoundedArmReader arm, string roleDefinitionId, CancellationToken ct)
            => _definitions.GetOrAdd(roleDefinitionId.TrimEnd('/'), id => new Lazy<Task<JsonElement>>(
                () => arm.GetAsync(id, ApiVersions.Authorization, null, ct))).Value;

        /// <summary>True the first time a failed read of <paramref name="id"/> is to be reported: one scope error per scan.</summary>
        public bool FirstToReport(string id) => _reported.TryAdd(id.TrimEnd('/'), true);
    }
}
