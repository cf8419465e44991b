using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.AzurePolicy;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>
/// AzurePolicy.RestorePointCreation on Fixtures/azure-policy.json: assignments shaped like the spec's examples, with
/// definitions written after the built-ins they are named for (allowed locations, required tags, not-allowed types),
/// one per restore-point group so each VM meets only its own.
/// </summary>
public class AzurePolicyChecksTests
{
    private static readonly Scenario Policies = Scenario.Load("azure-policy.json");
    private static readonly RestorePointCreationCheck Check = new();

    [Theory]
    [InlineData("vm-loc", "Only North Europe")]
    [InlineData("vm-tag", "Require CostCenter")]
    [InlineData("vm-set", "Governance baseline")]
    public void A_deny_assignment_that_matches_the_restore_point_collection_fails(string vm, string assignment)
    {
        var outcome = Policies.Evaluate(Check, vm);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains($"'{assignment}' denies the restore point collection", outcome.Message.English());
        Assert.Contains("UserErrorRequestDisallowedByPolicy", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/policyAssignments/" + Policies.Vm(vm).PolicyAssignments
            .First(p => (p.Assignment.GetProperty("properties").GetProperty("displayName").GetString()) == assignment).Assignment.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_Backup_still_has_to_create_is_judged_as_a_resource_group_without_tags()
    {
        var outcome = Policies.Evaluate(Check, "vm-new");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("denies the restore point resource group", outcome.Message.English());
        Assert.Contains("AzureBackupRG_westeurope_1", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-audit")]        // the effect parameter is Audit
    [InlineData("vm-notenforced")]  // enforcementMode DoNotEnforce
    [InlineData("vm-ok")]           // the region is allowed
    [InlineData("vm-excluded")]     // the restore-point group is in notScopes
    public void Assignments_that_do_not_deny_what_Backup_creates_pass(string vm)
        => Assert.Equal(CheckStatus.Pass, Policies.Evaluate(Check, vm).Status);

    [Fact]
    public void A_rule_on_a_property_that_cannot_be_known_in_advance_is_a_warning_not_a_pass()
    {
        var outcome = Policies.Evaluate(Check, "vm-alias");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("Restore points only for prod VMs", outcome.Message.English());
        Assert.Contains("source.id", Assert.Single(outcome.Evidence).Value);
    }

    [Fact]
    public void An_assignment_in_another_group_does_not_reach_the_vm()
    {
        // vm-ok's group has a permissive assignment; the deny on rp-loc (vm-loc's group) must not reach it
        Assert.DoesNotContain(Policies.Vm("vm-ok").PolicyAssignments.Select(p => Policies.Evaluate(Check, "vm-ok").Message.English()), m => m.Contains("Only North Europe"));
    }

    [Fact]
    public void Skips_when_policy_assignments_could_not_be_read()
    {
        var scenario = Scenario.Load("azure-policy.json", set => set.MarkUnavailable(InventoryParts.Policy, "403 AuthorizationFailed"));
        var outcome = scenario.Evaluate(Check, "vm-loc");
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("403 AuthorizationFailed", outcome.Message.English());
    }

    [Fact]
    public void A_definition_that_was_not_read_is_a_warning()
    {
        var vm = Policies.Vm("vm-tag");
        var unread = WithAssignments(vm, vm.PolicyAssignments.Select(p => new PolicyAssignmentFacts(p.Assignment, null, Array.Empty<JsonElement>())).ToList());
        Assert.Equal(CheckStatus.Warning, Check.Evaluate(unread).Status);
    }

    // Exemptions (Fixtures: one group per case; the scenario is judged at 2026-03-10).

    [Theory]
    [InlineData("vm-exempt")]          // exempted at the restore-point group, until 2026-04-01
    [InlineData("vm-exempt-sub")]      // exempted at the subscription
    [InlineData("vm-exempt-members")]  // an initiative with both denying members exempted by reference id
    public void An_exempted_assignment_does_not_deny_there(string vm)
    {
        var outcome = Policies.Evaluate(Check, vm);
        Assert.True(outcome.Status == CheckStatus.Pass, outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-exempt-expired", "North only, exemption expired")]                  // expired 2026-03-01
    [InlineData("vm-exempt-other", "North only, exemption of another assignment")]       // names another assignment
    public void An_exemption_that_does_not_cover_the_assignment_now_leaves_the_denial(string vm, string assignment)
    {
        var outcome = Policies.Evaluate(Check, vm);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains($"'{assignment}' denies", outcome.Message.English());
    }

    [Fact]
    public void An_exemption_expires_at_the_scans_clock_not_the_machines()
    {
        var vm = Policies.Vm("vm-exempt"); // exempt until 2026-04-01
        Assert.Equal(CheckStatus.Pass, Check.Evaluate(vm, new EvaluationContext { EvaluatedAt = new DateTimeOffset(2026, 3, 31, 23, 0, 0, TimeSpan.Zero) }).Status);
        Assert.Equal(CheckStatus.Fail, Check.Evaluate(vm, new EvaluationContext { EvaluatedAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) }).Status);
    }

    [Fact]
    public void Exempting_one_member_of_an_initiative_leaves_the_others()
    {
        var outcome = Policies.Evaluate(Check, "vm-exempt-one-member"); // 'locations' exempted, 'tags' (required CostCenter) not
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        var evidence = Assert.Single(outcome.Evidence);
        Assert.EndsWith("/871b6d14-10aa-478d-b590-94f262ecfa99", evidence.Value);
    }

    [Theory]
    [InlineData("""{"kind":"resourceLocation","in":["westeurope"]}""", CheckStatus.Pass)]     // selects the collection's region: exempt
    [InlineData("""{"kind":"resourceLocation","in":["northeurope"]}""", CheckStatus.Fail)]    // another region: not exempt there
    [InlineData("""{"kind":"resourceWithoutLocation","in":["true"]}""", CheckStatus.Warning)] // a kind this check does not tell
    public void An_exemptions_resource_selectors_decide_whether_it_covers_the_resource(string selector, CheckStatus expected)
    {
        var vm = Policies.Vm("vm-exempt-selectors");
        vm = WithExemptions(vm, vm.PolicyExemptions.Select(e => Changed(e, x => x["properties"]!["resourceSelectors"] =
            new JsonArray(new JsonObject { ["name"] = "s", ["selectors"] = new JsonArray(JsonNode.Parse(selector)) }))).ToList());
        var outcome = Check.Evaluate(vm);
        Assert.Equal(expected, outcome.Status);
        if (expected == CheckStatus.Warning) Assert.Contains("resourceWithoutLocation", Assert.Single(outcome.Evidence).Value);
    }

    [Theory]
    [InlineData("""[{"name":"n","selectors":[{"kind":"resourceLocation","in":["northeurope"]}]}]""", CheckStatus.Pass)]
    [InlineData("""[{"name":"w","selectors":[{"kind":"resourceLocation","in":["westeurope"]}]}]""", CheckStatus.Fail)]
    [InlineData("""[{"name":"w","selectors":[{"kind":"resourceLocation","notIn":["westeurope"]}]}]""", CheckStatus.Pass)]
    // every selector of a resource selector must apply, any resource selector may
    [InlineData("""[{"name":"both","selectors":[{"kind":"resourceLocation","in":["westeurope"]},{"kind":"resourceType","in":["Microsoft.Storage/storageAccounts"]}]}]""", CheckStatus.Pass)]
    [InlineData("""[{"name":"a","selectors":[{"kind":"resourceType","in":["Microsoft.Storage/storageAccounts"]}]},{"name":"b","selectors":[{"kind":"resourceType","in":["microsoft.compute/restorepointcollections"]}]}]""", CheckStatus.Fail)]
    [InlineData("""[{"name":"x","selectors":[{"kind":"resourceWithoutLocation","in":["false"]}]}]""", CheckStatus.Warning)]
    public void An_assignments_resource_selectors_narrow_what_it_denies(string resourceSelectors, CheckStatus expected)
    {
        var vm = WithAssignment(Policies.Vm("vm-effect"), a => a["properties"]!["resourceSelectors"] = JsonNode.Parse(resourceSelectors));
        Assert.Equal(expected, Check.Evaluate(vm).Status);
    }

    [Theory]
    [InlineData("""[{"kind":"policyEffect","value":"Audit"}]""", CheckStatus.Pass)]
    [InlineData("""[{"kind":"policyEffect","value":"Audit","selectors":[{"kind":"resourceLocation","in":["northeurope"]}]}]""", CheckStatus.Fail)]
    [InlineData("""[{"kind":"policyEffect","value":"Audit","selectors":[{"kind":"resourceLocation","in":["westeurope"]}]}]""", CheckStatus.Pass)]
    // overrides are taken in order: the first that applies sets the effect
    [InlineData("""[{"kind":"policyEffect","value":"Deny"},{"kind":"policyEffect","value":"Audit"}]""", CheckStatus.Fail)]
    public void An_override_replaces_the_effect_where_its_selectors_apply(string overrides, CheckStatus expected)
    {
        var vm = WithAssignment(Policies.Vm("vm-effect"), a => a["properties"]!["overrides"] = JsonNode.Parse(overrides));
        Assert.Equal(expected, Check.Evaluate(vm).Status);
    }

    [Theory]
    [InlineData("tags", CheckStatus.Pass)]      // 'locations' is exempted, the override audits 'tags'
    [InlineData("locations", CheckStatus.Fail)] // the override audits the exempted member: 'tags' still denies
    public void An_override_names_the_initiatives_members_it_changes(string member, CheckStatus expected)
    {
        var vm = Policies.Vm("vm-exempt-one-member");
        vm = WithAssignments(vm, vm.PolicyAssignments.Select(f => new PolicyAssignmentFacts(Changed(f.Assignment, a => a["properties"]!["overrides"] = JsonNode.Parse(
            $$"""[{"kind":"policyEffect","value":"Audit","selectors":[{"kind":"policyDefinitionReferenceId","in":["{{member}}"]}]}]""")), f.Definition, f.Members)).ToList());
        Assert.Equal(expected, Check.Evaluate(vm).Status);
    }

    [Fact]
    public void A_denial_is_not_confirmed_when_the_exemptions_could_not_be_read_and_a_pass_stands()
    {
        var scenario = Scenario.Load("azure-policy.json", set => set.MarkUnavailable(InventoryParts.PolicyExemptions, "403 AuthorizationFailed"));
        var denied = scenario.Evaluate(Check, "vm-loc");
        Assert.Equal(CheckStatus.Warning, denied.Status);
        Assert.Contains("could not be read (403 AuthorizationFailed)", denied.Message.English());
        Assert.Contains("'Only North Europe' denies", denied.Message.English());
        Assert.Equal(CheckStatus.Pass, scenario.Evaluate(Check, "vm-ok").Status);
    }

    // Modify and append come before deny

    [Theory]
    [InlineData("vm-modify-tag")]  // modify addOrReplace tags['CostCenter'] = 'IT'
    [InlineData("vm-append-tag")]  // append tags['CostCenter'] = 'IT'
    public void A_tag_that_a_modify_or_append_assignment_adds_satisfies_the_deny_that_requires_it(string vm)
    {
        var outcome = Policies.Evaluate(Check, vm);
        Assert.True(outcome.Status == CheckStatus.Pass, outcome.Message.English());
    }

    [Fact]
    public void A_modify_that_adds_another_tag_does_not_help()
        => Assert.Equal(CheckStatus.Fail, Policies.Evaluate(Check, "vm-modify-other-tag").Status);

    [Fact]
    public void A_tag_value_inherited_from_the_group_cannot_be_told_so_the_deny_is_not_confirmed()
    {
        var outcome = Policies.Evaluate(Check, "vm-modify-inherit"); // [resourceGroup().tags[...]]
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains(outcome.Evidence, e => e.Value.Contains("which 'Tagger on vm-modify-inherit' (modify) may add", StringComparison.Ordinal));
    }

    // denyAction

    [Theory]
    [InlineData("vm-rp-delete", "'Keep restore points' denies deleting the restore points")]
    [InlineData("vm-rpc-delete", "'Keep restore point collections' denies deleting the restore point collection")] // effect and actionNames by parameter defaults
    public void A_denyAction_on_delete_stops_the_cleanup_and_is_a_warning(string vm, string expected)
    {
        var outcome = Policies.Evaluate(Check, vm);
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains(expected, outcome.Message.English());
        Assert.Contains("RestorePoints.CleanupStalled", outcome.Message.English());
        Assert.Contains("UserErrorRpCollectionLimitReached", outcome.Message.English());
        Assert.NotEmpty(outcome.Evidence);
    }

    [Fact]
    public void A_denyAction_on_deleting_the_group_does_not_concern_Backup()
        => Assert.Equal(CheckStatus.Pass, Policies.Evaluate(Check, "vm-group-delete").Status);

    // Effects and parameters

    [Theory]
    [InlineData("Modify")]
    [InlineData("Append")]
    [InlineData("Audit")]
    [InlineData("AuditIfNotExists")]
    [InlineData("DeployIfNotExists")]
    [InlineData("Disabled")]
    public void Effects_that_let_the_request_through_are_not_denials(string effect)
    {
        var vm = WithAssignment(Policies.Vm("vm-effect"), a => a["properties"]!["parameters"]!["effect"] = new JsonObject { ["value"] = effect });
        Assert.Equal(CheckStatus.Pass, Check.Evaluate(vm).Status);
    }

    [Fact]
    public void An_effect_parameter_comes_from_the_assignment_else_from_the_definitions_default()
    {
        Assert.Equal(CheckStatus.Fail, Policies.Evaluate(Check, "vm-effect").Status); // not given: defaultValue Deny
        var given = WithAssignment(Policies.Vm("vm-effect"), a => a["properties"]!["parameters"]!["effect"] = new JsonObject { ["value"] = "Deny" });
        Assert.Equal(CheckStatus.Fail, Check.Evaluate(given).Status);
    }

    [Fact]
    public void An_initiatives_effect_parameter_reaches_its_members()
    {
        Assert.Equal(CheckStatus.Fail, Policies.Evaluate(Check, "vm-set-default").Status); // set default Deny, handed to both members
        Assert.Equal(CheckStatus.Pass, Policies.Evaluate(Check, "vm-set-audit").Status);   // the assignment sets Audit
    }

    [Fact]
    public void Not_enforced_assignments_do_not_deny()
    {
        var vm = WithAssignment(Policies.Vm("vm-effect"), a => a["properties"]!["enforcementMode"] = "DoNotEnforce");
        Assert.Equal(CheckStatus.Pass, Check.Evaluate(vm).Status);
    }

    [Fact]
    public void A_management_group_assignment_with_the_subscription_in_notScopes_does_not_reach_it()
    {
        const string mg = "/providers/Microsoft.Management/managementGroups/contoso";
        static void AtGroup(JsonNode a)
        {
            a["id"] = mg + "/providers/Microsoft.Authorization/policyAssignments/north-mg";
            a["properties"]!["scope"] = mg;
        }
        var reaching = WithAssignment(Policies.Vm("vm-effect"), AtGroup);
        Assert.Equal(CheckStatus.Fail, Check.Evaluate(reaching).Status);
        var excluded = WithAssignment(Policies.Vm("vm-effect"), a =>
        {
            AtGroup(a);
            a["properties"]!["notScopes"] = new JsonArray("/subscriptions/11111111-1111-1111-1111-111111111111");
        });
        Assert.Equal(CheckStatus.Pass, Check.Evaluate(excluded).Status);
    }

    /// <summary>vm-effect with its assignment ('north-effect') changed; the subscription's other assignments stay.</summary>
    private static VmInventory WithAssignment(VmInventory vm, Action<JsonNode> change)
        => WithAssignments(vm, vm.PolicyAssignments.Select(facts => facts.Assignment.GetProperty("name").GetString() != "north-effect"
            ? facts : new PolicyAssignmentFacts(Changed(facts.Assignment, change), facts.Definition, facts.Members)).ToList());

    private static JsonElement Changed(JsonElement element, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(element.GetRawText())!;
        change(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static VmInventory WithExemptions(VmInventory vm, IReadOnlyList<JsonElement> exemptions) => WithAssignments(vm, vm.PolicyAssignments, exemptions);

    /// <summary>The VM's inventory (what this check reads of it) with other assignments.</summary>
    private static VmInventory WithAssignments(VmInventory vm, IReadOnlyList<PolicyAssignmentFacts> assignments, IReadOnlyList<JsonElement>? exemptions = null) => new()
    {
        VmId = vm.VmId, Name = vm.Name, ResourceGroup = vm.ResourceGroup, SubscriptionId = vm.SubscriptionId, Location = vm.Location, Vm = vm.Vm,
        RestorePointResourceGroups = vm.RestorePointResourceGroups, RestorePointCollections = vm.RestorePointCollections,
        PolicyExemptions = exemptions ?? vm.PolicyExemptions, PolicyAssignments = assignments,
    };
}
