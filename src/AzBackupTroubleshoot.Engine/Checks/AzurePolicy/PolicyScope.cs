using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Checks.AzurePolicy
{
    /// <summary>Where an assignment or an exemption applies: its scope (the part of its id before its provider segment).</summary>
    public static class PolicyScope
    {
        private const string AssignmentMarker = "/providers/Microsoft.Authorization/policyAssignments/";
        private const string ExemptionMarker = "/providers/Microsoft.Authorization/policyExemptions/";

        /// <summary>
        /// Whether a scope covers a resource of the subscription: the resource is the scope or inside it. A management
        /// group scope covers it, since ARM listed the item for this subscription only because the group contains it.
        /// </summary>
        public static bool Covers(string scope, string resourceId, string subscriptionId)
        {
            if (scope.StartsWith("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase))
                return ArmIds.SubscriptionOf(resourceId) is string s && ArmIds.Same(s, subscriptionId);
            return ArmIds.Same(resourceId, scope) || resourceId.StartsWith(scope.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether the assignment's scope covers the resource and none of its notScopes excludes it.</summary>
        public static bool Reaches(JsonElement assignment, string resourceId, string subscriptionId)
        {
            var scope = assignment.Str("properties.scope") ?? Before(assignment.Id(), AssignmentMarker);
            if (!Covers(scope, resourceId, subscriptionId)) return false;
            return !assignment.Array("properties.notScopes").Select(n => n.ValueKind == JsonValueKind.String ? n.GetString() : null)
                .Any(n => n != null && Covers(n, resourceId, subscriptionId));
        }

        /// <summary>
        /// The exemption of the assignment (for a set, of the member with that policyDefinitionReferenceId) that covers the
        /// resource at <paramref name="now"/>; with resource selectors that cannot be told for it, it only may cover it.
        /// </summary>
        public static (JsonElement? Exempts, JsonElement? MayExempt) Exemption(IEnumerable<JsonElement> exemptions, string assignmentId,
            string? referenceId, PlannedResource resource, string subscriptionId, DateTimeOffset now)
        {
            var resourceId = resource.Id;
            JsonElement? may = null;
            foreach (var e in exemptions)
            {
                if (!ArmIds.Same(e.Str("properties.policyAssignmentId") ?? "", assignmentId)) continue;
                if (!Covers(Before(e.Id(), ExemptionMarker), resourceId, subscriptionId)) continue;
                // An expired exemption no longer applies; the spec gives expiresOn in UTC ISO 8601.
                if (e.Str("properties.expiresOn") is string expires && DateTimeOffset.TryParse(expires, null, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && at <= now) continue;
                // References name the set's members it exempts; none means the whole assignment.
                var references = e.Array("properties.policyDefinitionReferenceIds").Select(r => r.GetString()).ToList();
                if (references.Count > 0 && !references.Contains(referenceId, StringComparer.OrdinalIgnoreCase)) continue;
                var selected = PolicySelectors.Selects(e, resource);
                if (selected.Value == false) continue;
                if (selected.Value == null) { may ??= e; continue; }
                return (e, null);
            }
            return (null, may);
        }

        private static string Before(string id, string marker)
        {
            var at = id.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? id : id.Substring(0, at);
        }
    }
}
