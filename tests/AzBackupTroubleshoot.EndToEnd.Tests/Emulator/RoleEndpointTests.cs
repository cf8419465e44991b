using System.Text.Json;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>RoleAssignments_ListForScope with its filters and RoleDefinitions_Get, on the demo's RBAC key vaults.</summary>
public sealed class RoleEndpointTests
{
    private const string V = "?api-version=2022-04-01";
    private const string Sub = "/subscriptions/6d1e0f2a-3b4c-4d5e-8f60-7a8b9c0d1e2f";
    private const string SecurityRg = Sub + "/resourceGroups/rg-security-ne";
    private const string RbacVault = SecurityRg + "/providers/Microsoft.KeyVault/vaults/kv-ade-rbac";
    private const string Assignments = "/providers/Microsoft.Authorization/roleAssignments";
    private const string OnVault = "7a1c0de0-0000-4000-8000-0000000000a1";
    private const string OnReaderVault1 = "7a1c0de0-0000-4000-8000-0000000000a2", OnReaderVault2 = "7a1c0de0-0000-4000-8000-0000000000a3";
    private const string OnSubscription = "7a1c0de0-0000-4000-8000-0000000000a4";

    [Fact]
    public async Task AtScope_lists_the_assignments_at_and_above_the_scope_and_no_filter_adds_those_below()
    {
        await using var emulator = await ArmEmulator.StartAsync(Scenario.Load(RepoPaths.DemoScenario));
        using var client = new EmulatorClient(emulator);

        var (atVault, _) = await client.ListAllAsync(RbacVault + Assignments + V + "&$filter=atScope()");
        var (atGroup, _) = await client.ListAllAsync(SecurityRg + Assignments + V + "&$filter=atScope()");
        var (group, _) = await client.ListAllAsync(SecurityRg + Assignments + V);

        Assert.Equal(new[] { OnVault, OnSubscription }.Order(), Names(atVault));
        Assert.Equal(new[] { OnSubscription }, Names(atGroup));
        Assert.Equal(new[] { OnVault, OnReaderVault1, OnReaderVault2, OnSubscription }.Order(), Names(group));
    }

    [Fact]
    public async Task PrincipalId_filter_lists_one_principals_assignments_and_another_filter_is_refused()
    {
        await using var emulator = await ArmEmulator.StartAsync(Scenario.Load(RepoPaths.DemoScenario));
        using var client = new EmulatorClient(emulator);

        var (backups, _) = await client.ListAllAsync(Sub + Assignments + V + "&$filter=" + Uri.EscapeDataString("principalId eq 'e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce'"));
        var refused = await client.GetAsync(RbacVault + Assignments + V + "&$filter=" + Uri.EscapeDataString("roleName eq 'x'"));
        var missingScope = await client.GetAsync(SecurityRg + "/providers/Microsoft.KeyVault/vaults/kv-nope" + Assignments + V);

        Assert.Equal(new[] { OnVault, OnReaderVault1, OnReaderVault2 }.Order(), Names(backups));
        Assert.Equal(400, refused.Status);
        Assert.Equal("BadRequest", refused.ErrorCode);
        Assert.Contains("atScope()", refused.ErrorMessage);
        Assert.Equal(404, missingScope.Status);
    }

    [Fact]
    public async Task Built_in_role_definitions_answer_at_any_subscription_by_their_well_known_id()
    {
        await using var emulator = await ArmEmulator.StartAsync(Scenario.Load(RepoPaths.DemoScenario));
        using var client = new EmulatorClient(emulator);
        const string admin = "/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483";

        var atSubscription = await client.GetAsync(Sub + admin + V);
        var atTenant = await client.GetAsync(admin + V);
        var unknown = await client.GetAsync(Sub + "/providers/Microsoft.Authorization/roleDefinitions/0000dead-0000-4000-8000-000000000000" + V);
        var otherSubscription = await client.GetAsync("/subscriptions/00000000-0000-4000-8000-00000000beef" + admin + V);

        Assert.Equal(200, atSubscription.Status);
        Assert.Equal(Sub + admin, atSubscription.Str("id"));
        var permissions = atSubscription.Body!.Value.GetProperty("properties").GetProperty("permissions")[0];
        Assert.Equal("Microsoft.KeyVault/vaults/*", permissions.GetProperty("dataActions")[0].GetString());
        Assert.Equal(200, atTenant.Status);
        Assert.Equal("Key Vault Administrator", atTenant.Body!.Value.GetProperty("properties").GetProperty("roleName").GetString());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("RoleDefinitionDoesNotExist", unknown.ErrorCode);
        Assert.Equal("SubscriptionNotFound", otherSubscription.ErrorCode);
    }

    private static IEnumerable<string> Names(List<JsonElement> items) => items.Select(i => i.GetProperty("name").GetString()!).Order();
}
