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
        var unread = new VmInventory
        {
            VmId = vm.VmId, Name = vm.Name, ResourceGroup = vm.ResourceGroup, SubscriptionId = vm.SubscriptionId, Location = vm.Location, Vm = vm.Vm,
            RestorePointResourceGroups = vm.RestorePointResourceGroups, RestorePointCollections = vm.RestorePointCollections,
            PolicyAssignments = vm.PolicyAssignments.Select(p => new PolicyAssignmentFacts(p.Assignment, null, Array.Empty<System.Text.Json.JsonElement>())).ToList(),
        };
        Assert.Equal(CheckStatus.Warning, Check.Evaluate(unread).Status);
    }
}
