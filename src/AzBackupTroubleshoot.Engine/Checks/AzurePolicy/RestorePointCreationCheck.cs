using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.AzurePolicy
{
    /// <summary>
    /// Every backup creates a restore point collection (Microsoft.Compute/restorePointCollections) in the VM's region, in
    /// Azure Backup's own resource group (AzureBackupRG_&lt;region&gt;_&lt;n&gt; or the backup policy's custom name), and
    /// creates that group first if it is not there. An Azure Policy assignment with a deny effect whose rule matches
    /// either (a required tag, allowed locations, allowed or not-allowed resource types) makes the snapshot fail with
    /// UserErrorRequestDisallowedByPolicy. The check evaluates each enforced assignment that reaches those resources
    /// against them as Azure Backup would create them (no tags, the VM's region).
    /// </summary>
    public sealed class RestorePointCreationCheck : ReadinessCheck
    {
        public const string ResourceGroupType = "Microsoft.Resources/subscriptions/resourceGroups";

        public override string Id => "AzurePolicy.RestorePointCreation";
        public override int Order => 145;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Policy, InventoryParts.RestorePoints, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRequestDisallowedByPolicy" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "policy", "restore-points" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Policy) is CheckOutcome skipped) return skipped;
            if (vm.Location is not string location) return CheckOutcome.Skipped(Text("noLocation"));

            var targets = Targets(vm, location);
            var blocking = new List<(PolicyAssignmentFacts Facts, string What, string Definition)>();
            var unknown = new List<(PolicyAssignmentFacts Facts, string Why)>();
            foreach (var facts in vm.PolicyAssignments)
            {
                if (string.Equals(facts.Assignment.Str("properties.enforcementMode"), "DoNotEnforce", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var (resource, groupId) in targets)
                {
                    if (!Reaches(facts.Assignment, resource, groupId, vm.SubscriptionId)) continue;
                    foreach (var (definition, parameters) in Rules(facts, out var missing))
                    {
                        var verdict = Judge(definition, parameters, resource);
                        if (verdict.Value == true) blocking.Add((facts, resource.Type, definition.Id()));
                        else if (verdict.Value == null) unknown.Add((facts, verdict.Why!));
                    }
                    if (facts.Definition == null || facts.Members.Count < DeclaredMembers(facts))
                        unknown.Add((facts, "a definition that could not be read"));
                }
            }

            var groupText = string.Join(", ", targets.Select(t => ArmIds.NameOf(t.GroupId)).Distinct(StringComparer.OrdinalIgnoreCase));
            if (blocking.Count > 0)
            {
                var distinct = blocking.GroupBy(b => (b.Facts.Assignment.Id(), b.What)).Select(g => g.First()).ToList();
                var list = new CheckTextList("; ", distinct.Select(b => Text("blocks", ("assignment", Name(b.Facts.Assignment)), ("what", Kind(b.What)))));
                return CheckOutcome.Fail(Text("fail", ("assignments", list), ("group", groupText), ("location", location)), Text("fix"),
                    distinct.Select(b => new Evidence(b.Facts.Assignment.Id(), "properties.policyDefinitionId", b.Definition)).Distinct().ToArray());
            }
            if (unknown.Count > 0)
            {
                var distinct = unknown.GroupBy(u => (u.Facts.Assignment.Id(), u.Why)).Select(g => g.First()).ToList();
                var names = string.Join(", ", distinct.Select(u => Name(u.Facts.Assignment)).Distinct(StringComparer.Ordinal));
                return CheckOutcome.Warning(Text("unknown", ("assignments", names), ("group", groupText)), Text("fixUnknown"),
                    distinct.Select(u => new Evidence(u.Facts.Assignment.Id(), "properties.policyRule.if", u.Why)).ToArray());
            }
            var count = vm.PolicyAssignments.Count;
            return CheckOutcome.Pass(Text("pass", ("count", count), ("group", groupText), ("location", location)),
                new Evidence("/subscriptions/" + vm.SubscriptionId, "providers/Microsoft.Authorization/policyAssignments", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        /// <summary>The collection in each restore-point group (existing, or the one Backup will create), and that group when it does not exist yet.</summary>
        private static List<(PlannedResource Resource, string GroupId)> Targets(VmInventory vm, string location)
        {
            var targets = new List<(PlannedResource, string)>();
            var groups = vm.RestorePointResourceGroups.ToList();
            var creating = groups.Count == 0;
            if (creating)
            {
                var prefix = vm.Protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNamePrefix")).FirstOrDefault(p => !string.IsNullOrEmpty(p));
                var suffix = vm.Protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNameSuffix")).FirstOrDefault(p => !string.IsNullOrEmpty(p));
                var name = prefix == null ? $"AzureBackupRG_{location}_1" : $"{prefix}1{suffix}";
                var groupId = ArmIds.ResourceGroupId(vm.SubscriptionId, name);
                groups.Add(groupId);
                targets.Add((new PlannedResource(ResourceGroupType, name, location, groupId), groupId));
            }
            foreach (var g in groups)
            {
                var collection = $"AzureBackup_{vm.Name}_1";
                targets.Add((new PlannedResource(ResourceTypes.RestorePointCollection, collection, location,
                    $"{g}/providers/{ResourceTypes.RestorePointCollection}/{collection}"), g));
            }
            return targets;
        }

        /// <summary>Whether the assignment's scope covers the resource and no notScope excludes it.</summary>
        private static bool Reaches(JsonElement assignment, PlannedResource resource, string groupId, string subscriptionId)
        {
            var scope = assignment.Str("properties.scope") ?? ScopeOf(assignment.Id());
            bool Within(string id, string s) => ArmIds.Same(id, s) || id.StartsWith(s.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
            var inScope = scope.StartsWith("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase)
                ? ArmIds.SubscriptionOf(resource.Id) is string s && ArmIds.Same(s, subscriptionId)
                : Within(resource.Id, scope);
            if (!inScope) return false;
            return !assignment.Array("properties.notScopes").Select(n => n.ValueKind == JsonValueKind.String ? n.GetString() : null)
                .Any(n => n != null && Within(resource.Id, n));
        }

        private static string ScopeOf(string assignmentId)
        {
            var marker = assignmentId.IndexOf("/providers/Microsoft.Authorization/policyAssignments/", StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? assignmentId : assignmentId.Substring(0, marker);
        }

        private static int DeclaredMembers(PolicyAssignmentFacts facts)
            => facts.Definition is JsonElement d && string.Equals(d.Str("type"), ResourceTypes.PolicySetDefinition, StringComparison.OrdinalIgnoreCase)
                ? d.Array("properties.policyDefinitions").Count : 0;

        /// <summary>Each policy definition the assignment applies, with its parameter values (through the set when it is one).</summary>
        private static IEnumerable<(JsonElement Definition, Dictionary<string, JsonElement> Parameters)> Rules(PolicyAssignmentFacts facts, out bool missing)
        {
            missing = false;
            var result = new List<(JsonElement, Dictionary<string, JsonElement>)>();
            if (facts.Definition is not JsonElement definition) return result;
            JsonElement? Given(string name) => facts.Assignment.At($"properties.parameters.{name}.value");
            if (!string.Equals(definition.Str("type"), ResourceTypes.PolicySetDefinition, StringComparison.OrdinalIgnoreCase))
            {
                result.Add((definition, PolicyRule.Parameters(definition, Given)));
                return result;
            }
            var setParameters = PolicyRule.Parameters(definition, Given);
            var setRule = new PolicyRule(setParameters);
            foreach (var reference in definition.Array("properties.policyDefinitions"))
            {
                var member = facts.Members.Cast<JsonElement?>().FirstOrDefault(m => ArmIds.Same(m!.Value.Id(), reference.Str("policyDefinitionId")));
                if (member == null) { missing = true; continue; }
                JsonElement? MemberGiven(string name)
                {
                    if (reference.At($"parameters.{name}.value") is not JsonElement v) return null;
                    // A member's parameter is usually "[parameters('setParameter')]": resolve it against the set's values.
                    if (v.ValueKind == JsonValueKind.String && v.GetString()!.StartsWith("[parameters(", StringComparison.OrdinalIgnoreCase))
                    {
                        var name2 = v.GetString()!.Split('\'')[1];
                        return setParameters.TryGetValue(name2, out var sv) ? sv : null;
                    }
                    return v;
                }
                result.Add((member.Value, PolicyRule.Parameters(member.Value, MemberGiven)));
            }
            return result;
        }

        /// <summary>True: the definition denies the resource; False: it does not (or does not deny at all); null: cannot tell.</summary>
        private static Verdict Judge(JsonElement definition, Dictionary<string, JsonElement> parameters, PlannedResource resource)
        {
            if (definition.At("properties.policyRule") is not JsonElement rule) return Verdict.Unknown("no policy rule");
            // Indexed mode evaluates only resource types that support tags and location: not resource groups.
            var mode = definition.Str("properties.mode") ?? "Indexed";
            if (string.Equals(mode, "Indexed", StringComparison.OrdinalIgnoreCase) && resource.Type == ResourceGroupType) return Verdict.False;
            var evaluator = new PolicyRule(parameters);
            var effect = evaluator.Effect(rule);
            if (effect == null) return Verdict.Unknown("an effect that is not resolved");
            if (effect != "deny") return Verdict.False;
            return rule.TryGetProperty("if", out var condition) ? evaluator.Matches(condition, resource) : Verdict.Unknown("no condition");
        }

        private static string Name(JsonElement assignment) => assignment.Str("properties.displayName") ?? assignment.Str("name") ?? assignment.Id();

        private CheckText Kind(string type) => type == ResourceGroupType ? Text("kindGroup") : Text("kindCollection");
    }
}
