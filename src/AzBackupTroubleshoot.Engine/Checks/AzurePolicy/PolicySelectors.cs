using System;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Checks.AzurePolicy
{
    /// <summary>
    /// An assignment's (or an exemption's) resource selectors and an assignment's overrides, as Microsoft Learn's "Azure
    /// Policy assignment structure" describes them: a resource selector applies to a resource when every one of its
    /// selectors does, and an item with several applies when any of them does; overrides are taken in order, and the
    /// first whose selectors all apply replaces the effect. A selector is a kind with an "in" or a "notIn" list.
    /// </summary>
    public static class PolicySelectors
    {
        /// <summary>Whether the item's resource selectors take the resource in (True without any); null when a selector cannot be told.</summary>
        public static Verdict Selects(JsonElement item, PlannedResource resource)
        {
            var resourceSelectors = item.Array("properties.resourceSelectors");
            if (resourceSelectors.Count == 0) return Verdict.True;
            Verdict? unknown = null;
            foreach (var resourceSelector in resourceSelectors)
            {
                var verdict = All(resourceSelector, resource, referenceId: null);
                if (verdict.Value == true) return Verdict.True;
                if (verdict.Value == null) unknown ??= verdict;
            }
            return unknown ?? Verdict.False;
        }

        /// <summary>
        /// The effect the assignment's first applicable policyEffect override sets for the member (lower case), or null when
        /// none applies; Applies is Unknown when an override's selectors cannot be told.
        /// </summary>
        public static (string? Effect, Verdict Applies) Override(JsonElement assignment, string? referenceId, PlannedResource resource)
        {
            foreach (var o in assignment.Array("properties.overrides"))
            {
                if (!string.Equals(o.Str("kind"), "policyEffect", StringComparison.OrdinalIgnoreCase)) continue;
                var verdict = All(o, resource, referenceId);
                if (verdict.Value == false) continue;
                return (o.Str("value")?.ToLowerInvariant(), verdict);
            }
            return (null, Verdict.True);
        }

        private static Verdict All(JsonElement holder, PlannedResource resource, string? referenceId)
        {
            Verdict? unknown = null;
            foreach (var selector in holder.Array("selectors"))
            {
                var verdict = One(selector, resource, referenceId);
                if (verdict.Value == false) return Verdict.False;
                if (verdict.Value == null) unknown ??= verdict;
            }
            return unknown ?? Verdict.True;
        }

        private static Verdict One(JsonElement selector, PlannedResource resource, string? referenceId)
        {
            var kind = selector.Str("kind") ?? "";
            string? value = kind.ToLowerInvariant() switch
            {
                "resourcelocation" => resource.Location,
                "resourcetype" => resource.Type,
                "policydefinitionreferenceid" => referenceId ?? "",
                _ => null,
            };
            // A restore point has no location, and resourceWithoutLocation's values are not documented: neither is told.
            if (value == null) return Verdict.Unknown($"a '{kind}' selector, which this check does not evaluate for a {resource.Type}");
            bool listed(string[] names) => names.Contains(value, StringComparer.OrdinalIgnoreCase);
            if (selector.TryGetProperty("in", out var inList) && inList.ValueKind == JsonValueKind.Array) return Verdict.Of(listed(Names(inList)));
            if (selector.TryGetProperty("notIn", out var notIn) && notIn.ValueKind == JsonValueKind.Array) return Verdict.Of(!listed(Names(notIn)));
            return Verdict.Unknown($"a '{kind}' selector with neither 'in' nor 'notIn'");
        }

        private static string[] Names(JsonElement list)
            => list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray();
    }
}
