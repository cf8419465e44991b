using System.Text.Json;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.KeyVault;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>
/// KeyVault.BackupAccess on a key vault that uses Azure RBAC. vm-ade-rbac's BEK (no KEK) is in kv-rbac, so Backup needs
/// secrets getSecret, readMetadata and backup there.
/// </summary>
public class KeyVaultRbacTests
{
    private const string Backup = "8a7b6c5d-0000-4000-8000-00000000b0b0";
    private const string Subscription = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private const string Vault = Subscription + "/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/kv-rbac";
    private static readonly Scenario Disks = Scenario.Load("disks-and-encryption.json");
    private static readonly EvaluationContext KnowsBackup = TestEvaluation.Context with { BackupServiceObjectIds = new[] { Backup } };

    private static readonly JsonElement Administrator = Role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", new[] { "Microsoft.KeyVault/vaults/*" });
    private static readonly JsonElement SecretsUser = Role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
        new[] { "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" });

    [Fact]
    public void Passes_when_backups_assignment_at_the_vault_grants_what_it_needs()
    {
        var outcome = Evaluate(KnowsBackup, Assigned(Backup, Administrator));

        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("Key Vault Administrator", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.roleDefinitionId" && e.Value!.Contains(Backup));
    }

    [Fact]
    public void Passes_on_an_assignment_inherited_from_the_subscription()
    {
        Assert.Equal(CheckStatus.Pass, Evaluate(KnowsBackup, Assigned(Backup, Administrator, scope: Subscription)).Status);
    }

    [Fact]
    public void Grants_of_several_assignments_add_up()
    {
        var backupOnly = Role("c0ffee00-0000-4000-8000-000000000001", "Secret backup", new[] { "Microsoft.KeyVault/vaults/secrets/backup/action" });

        Assert.Equal(CheckStatus.Pass, Evaluate(KnowsBackup, Assigned(Backup, SecretsUser), Assigned(Backup, backupOnly)).Status);
        Assert.Equal(CheckStatus.Fail, Evaluate(KnowsBackup, Assigned(Backup, SecretsUser)).Status);
    }

    [Fact]
    public void Fails_naming_the_missing_action_and_gives_the_assignment_commands()
    {
        var outcome = Evaluate(KnowsBackup, Assigned(Backup, SecretsUser), Assigned("someone-else", Administrator));

        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets/backup/action", outcome.Message.English());
        Assert.DoesNotContain("getSecret", outcome.Message.English());
        var fix = outcome.Remediation.English();
        Assert.Contains($"New-AzRoleAssignment -ObjectId '{Backup}' -RoleDefinitionName 'Key Vault Administrator' -Scope '{Vault}'", fix);
        Assert.Contains($"az role assignment create --assignee-object-id '{Backup}' --assignee-principal-type ServicePrincipal --role 'Key Vault Administrator' --scope '{Vault}'", fix);
    }

    [Fact]
    public void NotDataActions_subtract_within_the_role()
    {
        var allButBackup = Role("c0ffee00-0000-4000-8000-000000000002", "All but backup", new[] { "Microsoft.KeyVault/vaults/*" }, new[] { "Microsoft.KeyVault/vaults/secrets/backup/action" });

        var outcome = Evaluate(KnowsBackup, Assigned(Backup, allButBackup));

        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("secrets/backup/action", outcome.Message.English());
    }

    [Fact]
    public void Wildcard_data_actions_match_the_actions_below_them()
    {
        var secretsAll = Role("c0ffee00-0000-4000-8000-000000000003", "Secrets any", new[] { "Microsoft.KeyVault/vaults/secrets/*" });
        var keysAll = Role("c0ffee00-0000-4000-8000-000000000004", "Keys any", new[] { "Microsoft.KeyVault/vaults/keys/*" });

        Assert.Equal(CheckStatus.Pass, Evaluate(KnowsBackup, Assigned(Backup, secretsAll)).Status);
        Assert.Equal(CheckStatus.Fail, Evaluate(KnowsBackup, Assigned(Backup, keysAll)).Status);
    }

    [Fact]
    public void Without_backups_object_id_a_sufficient_grant_cannot_be_confirmed()
    {
        var keysOnly = Role("c0ffee00-0000-4000-8000-000000000005", "Keys any", new[] { "Microsoft.KeyVault/vaults/keys/*" });

        var outcome = Evaluate(TestEvaluation.Context, Assigned("5e5e5e5e-0000-4000-8000-000000000001", Administrator), Assigned("5e5e5e5e-0000-4000-8000-000000000003", keysOnly));

        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("5e5e5e5e-0000-4000-8000-000000000001", outcome.Message.English());
        Assert.DoesNotContain("5e5e5e5e-0000-4000-8000-000000000003", outcome.Message.English()); // grants nothing this vault needs
    }

    [Fact]
    public void Without_backups_object_id_grants_that_add_up_only_across_principals_are_still_unconfirmed()
    {
        // Backup could hold one directly and be a member of the other's group: ARM cannot say, so it is not a fail.
        var backupOnly = Role("c0ffee00-0000-4000-8000-000000000001", "Secret backup", new[] { "Microsoft.KeyVault/vaults/secrets/backup/action" });

        var outcome = Evaluate(TestEvaluation.Context, Assigned("5e5e5e5e-0000-4000-8000-000000000002", SecretsUser), Assigned("5e5e5e5e-0000-4000-8000-000000000004", backupOnly, type: "Group"));

        Assert.Equal(CheckStatus.Warning, outcome.Status);
    }

    [Fact]
    public void Without_backups_object_id_nobody_granted_enough_is_a_fail_with_the_application_id_command()
    {
        var outcome = Evaluate(TestEvaluation.Context, Assigned("5e5e5e5e-0000-4000-8000-000000000002", SecretsUser));

        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("none of the 1 role assignments that apply there grants Microsoft.KeyVault/vaults/secrets/backup/action", outcome.Message.English());
        Assert.Contains("New-AzRoleAssignment -ApplicationId '262044b1-e2ce-469f-a196-69ab7ada62d3'", outcome.Remediation.English());
    }

    [Fact]
    public void A_grant_to_a_group_only_is_a_warning_not_a_fail()
    {
        var outcome = Evaluate(KnowsBackup, Assigned("6r0up000-0000-4000-8000-000000000001", Administrator, type: "Group"));

        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("6r0up000-0000-4000-8000-000000000001", outcome.Message.English());
    }

    [Fact]
    public void Unreadable_role_assignments_never_pass()
    {
        var vm = Inventory(new[] { Assigned(Backup, Administrator) }, unavailable: "Listing the role assignments of key vault kv-rbac failed: 403 AuthorizationFailed");

        var outcome = new BackupAccessCheck().Evaluate(vm, KnowsBackup);

        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("AuthorizationFailed", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId == Vault && e.Value!.Contains("403"));
    }

    [Fact]
    public void Only_the_vault_whose_list_failed_is_unknown()
    {
        var otherVault = InventoryParts.RoleAssignmentsOf(Subscription + "/resourceGroups/sec-rg/providers/Microsoft.KeyVault/vaults/kv-other");
        var vm = Inventory(new[] { Assigned(Backup, Administrator) }, unavailable: "403", unavailablePart: otherVault);

        Assert.Equal(CheckStatus.Pass, new BackupAccessCheck().Evaluate(vm, KnowsBackup).Status);
    }

    [Fact]
    public void A_saved_inventory_without_role_assignments_never_passes()
    {
        var vm = Inventory(new[] { Assigned(Backup, Administrator) }, unavailable: "this inventory file was recorded before key vault role assignments were collected", unavailablePart: InventoryParts.RoleAssignments);

        Assert.Equal(CheckStatus.Skipped, new BackupAccessCheck().Evaluate(vm, KnowsBackup).Status);
    }

    [Fact]
    public void A_role_whose_definition_was_not_read_never_passes()
    {
        var outcome = Evaluate(KnowsBackup, Assigned(Backup, null));

        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains(Administrator.GetProperty("name").GetString()!, outcome.Message.English());
    }

    [Fact]
    public void Commands_quote_ids_so_they_stay_one_argument()
    {
        Assert.Equal("'it''s'", ShellQuote.PowerShell("it's"));
        Assert.Equal("'it'\\''s'", ShellQuote.Posix("it's"));
    }

    private static CheckOutcome Evaluate(EvaluationContext context, params RoleAssignmentFacts[] assignments)
        => new BackupAccessCheck().Evaluate(Inventory(assignments), context);

    private static VmInventory Inventory(IReadOnlyList<RoleAssignmentFacts> assignments, string? unavailable = null, string unavailablePart = "")
    {
        var vm = Disks.Vm("vm-ade-rbac");
        var parts = new Dictionary<string, string>(vm.Unavailable);
        if (unavailable != null) parts[unavailablePart == "" ? InventoryParts.RoleAssignmentsOf(Vault) : unavailablePart] = unavailable;
        return new VmInventory
        {
            VmId = vm.VmId, Name = vm.Name, ResourceGroup = vm.ResourceGroup, SubscriptionId = vm.SubscriptionId, Location = vm.Location, Vm = vm.Vm,
            Disks = vm.Disks, KeyVaults = vm.KeyVaults, RoleAssignments = assignments, Unavailable = parts,
        };
    }

    /// <summary>An assignment as RoleAssignments_ListForScope returns it; a null definition stands for one that was not read.</summary>
    private static RoleAssignmentFacts Assigned(string principalId, JsonElement? definition, string scope = Vault, string type = "ServicePrincipal")
    {
        var roleId = Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + (definition?.GetProperty("name").GetString() ?? Administrator.GetProperty("name").GetString());
        var json = JsonSerializer.Serialize(new
        {
            id = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}",
            type = "Microsoft.Authorization/roleAssignments",
            properties = new { roleDefinitionId = roleId, principalId, principalType = type, scope },
        });
        return new RoleAssignmentFacts(Vault, JsonDocument.Parse(json).RootElement.Clone(), definition);
    }

    private static JsonElement Role(string name, string roleName, string[] dataActions, string[]? notDataActions = null)
        => JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            id = Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + name,
            name,
            type = "Microsoft.Authorization/roleDefinitions",
            properties = new { roleName, type = "CustomRole", permissions = new[] { new { actions = Array.Empty<string>(), notActions = Array.Empty<string>(), dataActions, notDataActions = notDataActions ?? Array.Empty<string>() } } },
        })).RootElement.Clone();
}
