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
    /// creates that group first if it is not there; it then adds a restore point to the collection, and deletes the old
    /// ones. An Azure Policy assignment with a deny effect whose rule matches what it creates (a required tag, allowed
    /// locations, allowed or not-allowed resource types) makes the snapshot fail with UserErrorRequestDisallowedByPolicy;
    /// a denyAction on delete that matches the restore points or the collection stops the cleanup, so restore points pile
    /// up (RestorePoints.CleanupStalled). Each enforced assignment that reaches those resources, and that no live exemption
    /// covers, is judged against them as Azure Backup would create them (no tags, the VM's region).
    /// </summary>
    public sealed class RestorePointCreationCheck : ReadinessCheck
    {
        public const string ResourceGroupType = "Microsoft.Resources/subscriptions/resourceGroups";
        public const string RestorePointType = ResourceTypes.RestorePointCollection + "/restorePoints";

        public override string Id => "AzurePolicy.RestorePointCreation";
        public override int Order => 145;
        // Not policyExemptions: exemptions only lift denials, so a Pass stands without them (a denial is then unconfirmed).
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.Policy, InventoryParts.RestorePoints, InventoryParts.Vaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRequestDisallowedByPolicy" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "policy", "restore-points" };

        private sealed record Finding(PolicyAssignmentFacts Facts, PlannedResource Resource, string Definition, string? Why = null);

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (SkipIfUnavailable(vm, InventoryParts.Policy) is CheckOutcome skipped) return skipped;
            if (vm.Location is not string location) return CheckOutcome.Skipped(Text("noLocation"));

            var targets = Targets(vm, location);
            var creates = new List<Finding>();
            var deletes = new List<Finding>();
            var unknown = new List<Finding>();
            foreach (var target in targets)
            {
                var rules = Applicable(vm, target, context.EvaluatedAt).ToList();
                // Azure Policy applies modify and append before it evaluates deny: a tag they add is on the request.
                var resource = AsRequested(target, rules);
                foreach (var rule in rules)
                {
                    var (effect, verdict) = Judge(rule.Definition, rule.Parameters, resource, rule.Effect);
                    if (verdict.Value == false || rule.Exempt) continue;
                    var finding = new Finding(rule.Facts, resource, rule.Definition.Id(), verdict.Why);
                    if (rule.Doubt is string doubt) unknown.Add(finding with { Why = doubt });
                    else if (verdict.Value == null) unknown.Add(finding);
                    else (effect == "deny" ? creates : deletes).Add(finding);
                }
                foreach (var facts in Reaching(vm, target).Where(f => f.Definition == null || f.Members.Count < DeclaredMembers(f)))
                    unknown.Add(new Finding(facts, target, facts.Assignment.Str("properties.policyDefinitionId") ?? "", "a definition that could not be read"));
            }

            var groupText = string.Join(", ", targets.Select(t => ArmIds.NameOf(GroupOf(t.Id))).Distinct(StringComparer.OrdinalIgnoreCase));
            var exemptionsUnread = vm.IsUnavailable(InventoryParts.PolicyExemptions, out var unreadWhy);
            if (creates.Count > 0)
            {
                var distinct = Distinct(creates);
                var list = new CheckTextList("; ", distinct.Select(b => Text("blocks", ("assignment", Name(b.Facts.Assignment)), ("what", Kind(b.Resource.Type)))));
                var evidence = distinct.Select(b => new Evidence(b.Facts.Assignment.Id(), "properties.policyDefinitionId", b.Definition)).Distinct().ToArray();
                // A denial an unread exemption may lift is not confirmed: a Fail would send the owner after an exempted group.
                return exemptionsUnread
                    ? CheckOutcome.Warning(Text("failUnconfirmed", ("assignments", list), ("group", groupText), ("location", location), ("reason", unreadWhy)), Text("fix"), evidence)
                    : CheckOutcome.Fail(Text("fail", ("assignments", list), ("group", groupText), ("location", location)), Text("fix"), evidence);
            }
            if (deletes.Count > 0)
            {
                var distinct = Distinct(deletes);
                var list = new CheckTextList("; ", distinct.Select(b => Text("blocksDelete", ("assignment", Name(b.Facts.Assignment)), ("what", Kind(b.Resource.Type)))));
                var note = exemptionsUnread ? Text("exemptionsUnread", ("reason", unreadWhy)) : (object)"";
                return CheckOutcome.Warning(Text("deleteDenied", ("assignments", list), ("group", groupText), ("note", note)), Text("fixDelete"),
                    distinct.Select(b => new Evidence(b.Facts.Assignment.Id(), "properties.policyDefinitionId", b.Definition)).Distinct().ToArray());
            }
            if (unknown.Count > 0)
            {
                var distinct = unknown.GroupBy(u => (u.Facts.Assignment.Id(), u.Why)).Select(g => g.First()).ToList();
                var names = string.Join(", ", distinct.Select(u => Name(u.Facts.Assignment)).Distinct(StringComparer.Ordinal));
                return CheckOutcome.Warning(Text("unknown", ("assignments", names), ("group", groupText)), Text("fixUnknown"),
                    distinct.Select(u => new Evidence(u.Facts.Assignment.Id(), "properties.policyRule.if", u.Why!)).ToArray());
            }
            var count = vm.PolicyAssignments.Count;
            return CheckOutcome.Pass(Text("pass", ("count", count), ("group", groupText), ("location", location)),
                new Evidence("/subscriptions/" + vm.SubscriptionId, "providers/Microsoft.Authorization/policyAssignments", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        /// <summary>A definition an assignment applies to a resource: Effect is an override's (null: the rule's own); Doubt says why it may not apply.</summary>
        private sealed record ApplicableRule(PolicyAssignmentFacts Facts, JsonElement Definition, Dictionary<string, JsonElement> Parameters, bool Exempt, string? Effect, string? Doubt);

        /// <summary>The enforced assignments whose scope (minus notScopes) reaches the resource.</summary>
        private static IEnumerable<PolicyAssignmentFacts> Reaching(VmInventory vm, PlannedResource resource)
            => vm.PolicyAssignments.Where(f => !string.Equals(f.Assignment.Str("properties.enforcementMode"), "DoNotEnforce", StringComparison.OrdinalIgnoreCase)
                && PolicyScope.Reaches(f.Assignment, resource.Id, vm.SubscriptionId));

        /// <summary>
        /// Each definition those assignments apply to the resource (their resource selectors taking it in), with the effect
        /// an override gives it and whether a live exemption covers it there.
        /// </summary>
        private static IEnumerable<ApplicableRule> Applicable(VmInventory vm, PlannedResource resource, DateTimeOffset now)
        {
            foreach (var facts in Reaching(vm, resource))
            {
                var selected = PolicySelectors.Selects(facts.Assignment, resource);
                if (selected.Value == false) continue;
                foreach (var (definition, parameters, reference) in Rules(facts))
                {
                    var (exempts, mayExempt) = PolicyScope.Exemption(vm.PolicyExemptions, facts.Assignment.Id(), reference, resource, vm.SubscriptionId, now);
                    var (effect, overridden) = PolicySelectors.Override(facts.Assignment, reference, resource);
                    var doubt = selected.Value == null ? "the assignment's resource selectors: " + selected.Why
                        : overridden.Value == null ? "an override of the assignment: " + overridden.Why
                        : mayExempt is JsonElement may ? "the resource selectors of the exemption " + may.Id() + ": " + PolicySelectors.Selects(may, resource).Why
                        : null;
                    yield return new ApplicableRule(facts, definition, parameters, exempts != null, effect, doubt);
                }
            }
        }

        /// <summary>
        /// The resource as deny sees it: with the tags that matching modify (add, addOrReplace) and append rules add. A tag
        /// such a rule may add (its condition or value cannot be told, or an exemption may cover it) is neither there nor
        /// absent: a deny that looks at it cannot be confirmed.
        /// </summary>
        private static PlannedResource AsRequested(PlannedResource resource, IEnumerable<ApplicableRule> rules)
        {
            if (resource.Type == RestorePointType) return resource; // restore points take no tags
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var maybe = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var rule in rules.Where(r => !r.Exempt))
            {
                if (rule.Definition.At("properties.policyRule") is not JsonElement policyRule) continue;
                if (string.Equals(rule.Definition.Str("properties.mode") ?? "Indexed", "Indexed", StringComparison.OrdinalIgnoreCase) && !resource.Indexed) continue;
                var evaluator = new PolicyRule(rule.Parameters);
                var effect = rule.Effect ?? evaluator.Effect(policyRule);
                if (effect is not ("modify" or "append")) continue;
                var verdict = policyRule.TryGetProperty("if", out var condition) ? evaluator.Matches(condition, resource) : Verdict.Unknown("no condition");
                if (verdict.Value == false) continue;
                foreach (var (key, value) in evaluator.AddedTags(policyRule, effect, resource))
                {
                    if (verdict.Value == true && value != null && rule.Doubt == null) tags[key] = value;
                    else maybe[key] = $"the tag '{key}', which '{Name(rule.Facts.Assignment)}' ({effect}) may add";
                }
            }
            return tags.Count == 0 && maybe.Count == 0 ? resource : resource.WithTags(tags, maybe);
        }

        private static List<Finding> Distinct(List<Finding> findings)
            => findings.GroupBy(b => (b.Facts.Assignment.Id(), b.Resource.Type)).Select(g => g.First()).ToList();

        /// <summary>The resource group part of a resource id (the id itself for a group).</summary>
        private static string GroupOf(string id)
        {
            var parts = id.Split('/');
            return parts.Length >= 5 ? string.Join("/", parts.Take(5)) : id;
        }

        /// <summary>
        /// In each restore-point group (existing, or the one Backup will create): the collection and a restore point in it;
        /// and the group itself when it does not exist yet.
        /// </summary>
        private static List<PlannedResource> Targets(VmInventory vm, string location)
        {
            var targets = new List<PlannedResource>();
            var groups = vm.RestorePointResourceGroups.ToList();
            if (groups.Count == 0)
            {
                var prefix = vm.Protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNamePrefix")).FirstOrDefault(p => !string.IsNullOrEmpty(p));
                var suffix = vm.Protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNameSuffix")).FirstOrDefault(p => !string.IsNullOrEmpty(p));
                var name = prefix == null ? $"AzureBackupRG_{location}_1" : $"{prefix}1{suffix}";
                var groupId = ArmIds.ResourceGroupId(vm.SubscriptionId, name);
                groups.Add(groupId);
                targets.Add(new PlannedResource(ResourceGroupType, name, location, groupId, indexed: false));
            }
            foreach (var g in groups)
            {
                var collection = $"AzureBackup_{vm.Name}_1";
                var collectionId = $"{g}/providers/{ResourceTypes.RestorePointCollection}/{collection}";
                targets.Add(new PlannedResource(ResourceTypes.RestorePointCollection, collection, location, collectionId, indexed: true));
                // Restore points are child resources without tags or location: only All-mode definitions see them.
                targets.Add(new PlannedResource(RestorePointType, null, null, collectionId + "/restorePoints/_", indexed: false));
            }
            return targets;
        }

        private static int DeclaredMembers(PolicyAssignmentFacts facts)
            => facts.Definition is JsonElement d && string.Equals(d.Str("type"), ResourceTypes.PolicySetDefinition, StringComparison.OrdinalIgnoreCase)
                ? d.Array("properties.policyDefinitions").Count : 0;

        /// <summary>Each policy definition the assignment applies, with its parameter values (through the set when it is one), with its policyDefinitionReferenceId in the set.</summary>
        private static IEnumerable<(JsonElement Definition, Dictionary<string, JsonElement> Parameters, string? ReferenceId)> Rules(PolicyAssignmentFacts facts)
        {
            var result = new List<(JsonElement, Dictionary<string, JsonElement>, string?)>();
            if (facts.Definition is not JsonElement definition) return result;
            JsonElement? Given(string name) => facts.Assignment.At($"properties.parameters.{name}.value");
            if (!string.Equals(definition.Str("type"), ResourceTypes.PolicySetDefinition, StringComparison.OrdinalIgnoreCase))
            {
                result.Add((definition, PolicyRule.Parameters(definition, Given), null));
                return result;
            }
            var setParameters = PolicyRule.Parameters(definition, Given);
            foreach (var reference in definition.Array("properties.policyDefinitions"))
            {
                var member = facts.Members.Cast<JsonElement?>().FirstOrDefault(m => ArmIds.Same(m!.Value.Id(), reference.Str("policyDefinitionId")));
                if (member == null) continue;
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
                result.Add((member.Value, PolicyRule.Parameters(member.Value, MemberGiven), reference.Str("policyDefinitionReferenceId")));
            }
            return result;
        }

        /// <summary>
        /// What the definition does to the resource: with effect "deny" (creation) or "denyaction" (a denyAction on delete),
        /// True when its rule matches, null when that cannot be told; False for every other effect (audit, modify, append,
        /// deployIfNotExists, disabled, ...), which let the request through.
        /// </summary>
        private static (string? Effect, Verdict Verdict) Judge(JsonElement definition, Dictionary<string, JsonElement> parameters, PlannedResource resource, string? overridden)
        {
            if (definition.At("properties.policyRule") is not JsonElement rule) return (null, Verdict.Unknown("no policy rule"));
            // Indexed mode evaluates only resource types that support tags and location.
            var mode = definition.Str("properties.mode") ?? "Indexed";
            if (string.Equals(mode, "Indexed", StringComparison.OrdinalIgnoreCase) && !resource.Indexed) return (null, Verdict.False);
            var evaluator = new PolicyRule(parameters);
            var effect = overridden ?? evaluator.Effect(rule);
            if (effect == null) return (null, Verdict.Unknown("an effect that is not resolved"));
            // Backup creates the group, the collection and the restore points; it deletes only restore points and collections.
            if (effect == "denyaction" && resource.Type != ResourceGroupType)
            {
                var actions = evaluator.ActionNames(rule);
                if (actions == null) return (effect, Verdict.Unknown("denyAction actionNames that are not resolved"));
                if (!actions.Contains("delete")) return (effect, Verdict.False);
            }
            else if (effect != "deny") return (effect, Verdict.False);
            return (effect, rule.TryGetProperty("if", out var condition) ? evaluator.Matches(condition, resource) : Verdict.Unknown("no condition"));
        }

        private static string Name(JsonElement assignment) => assignment.Str("properties.displayName") ?? assignment.Str("name") ?? assignment.Id();

        private CheckText Kind(string type)
            => type == ResourceGroupType ? Text("kindGroup") : type == RestorePointType ? Text("kindRestorePoint") : Text("kindCollection");
    }
}
