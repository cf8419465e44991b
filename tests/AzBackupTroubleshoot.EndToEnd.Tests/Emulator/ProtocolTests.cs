using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Authentication, api-version, reads by id, $expand and ARM's error bodies.</summary>
public sealed class ProtocolTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;

    [Fact]
    public async Task Requests_without_a_bearer_token_get_401_AuthenticationFailed()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var anonymous = new EmulatorClient(emulator, token: null);

        var reply = await anonymous.GetAsync(VmId + V);

        Assert.Equal(401, reply.Status);
        Assert.Equal("AuthenticationFailed", reply.ErrorCode);
    }

    [Fact]
    public async Task Requests_without_api_version_get_400_MissingApiVersionParameter()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.GetAsync(VmId);

        Assert.Equal(400, reply.Status);
        Assert.Equal("MissingApiVersionParameter", reply.ErrorCode);
    }

    [Fact]
    public async Task Get_by_id_ignores_case_and_strips_the_instance_view_unless_expanded()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var plain = await client.GetAsync(VmId.ToUpperInvariant() + V);
        var expanded = await client.GetAsync(VmId + V + "&$expand=instanceView");

        Assert.Equal(200, plain.Status);
        Assert.Equal(VmId, plain.Str("id"));
        Assert.Equal("Succeeded", plain.Body!.Value.GetProperty("properties").GetProperty("provisioningState").GetString());
        Assert.False(plain.Body.Value.GetProperty("properties").TryGetProperty("instanceView", out _));
        Assert.Equal("PowerState/running", expanded.Body!.Value.GetProperty("properties").GetProperty("instanceView").GetProperty("statuses")[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task InstanceView_path_returns_the_instance_view_alone()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.GetAsync(VmId + "/instanceView" + V);

        Assert.Equal(200, reply.Status);
        Assert.Equal("2.10.0.8", reply.Body!.Value.GetProperty("vmAgent").GetProperty("vmAgentVersion").GetString());
        Assert.False(reply.Body.Value.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Restore_points_are_served_only_with_expand_and_one_by_one()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var plain = await client.GetAsync(RpcId + V);
        var expanded = await client.GetAsync(RpcId + V + "&$expand=restorePoints");
        var one = await client.GetAsync(RpcId + "/restorePoints/rp2" + V);

        Assert.False(plain.Body!.Value.GetProperty("properties").TryGetProperty("restorePoints", out _));
        Assert.Equal(2, expanded.Body!.Value.GetProperty("properties").GetProperty("restorePoints").GetArrayLength());
        Assert.Equal(200, one.Status);
        Assert.Equal("rp2", one.Str("name"));
        // "@now-1d" in the scenario became a real timestamp about a day ago.
        var created = DateTimeOffset.Parse(one.Body!.Value.GetProperty("properties").GetProperty("timeCreated").GetString()!);
        Assert.InRange(DateTimeOffset.UtcNow - created, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task A_child_collection_lists_the_stored_children()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var (extensions, _) = await client.ListAllAsync(VmId + "/extensions" + V);
        var (policies, _) = await client.ListAllAsync(VaultId + "/backupPolicies" + V);

        Assert.Equal(ExtensionId, Assert.Single(extensions).GetProperty("id").GetString());
        Assert.Equal("DailyPolicy", Assert.Single(policies).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Subscriptions_and_resource_groups_are_listed_including_implied_groups()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create($$"""{ "forbiddenSubscriptions": ["{{ForbiddenSub}}"] }"""));
        using var client = new EmulatorClient(emulator);

        var (subscriptions, _) = await client.ListAllAsync("/subscriptions" + V);
        var (groups, _) = await client.ListAllAsync($"/subscriptions/{Sub}/resourcegroups" + V);
        var group = await client.GetAsync($"/subscriptions/{Sub}/resourcegroups/RG-APP" + V);

        // The forbidden subscription is not listed, as ARM lists only what the caller may read.
        Assert.Equal(Sub, Assert.Single(subscriptions).GetProperty("subscriptionId").GetString());
        Assert.Equal(new[] { "AzureBackupRG_westeurope_1", "rg-app", "rg-backup", "rg-empty" },
            groups.Select(g => g.GetProperty("name").GetString()).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(200, group.Status);
        Assert.Equal("westeurope", group.Str("location"));
    }

    [Theory]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/nope", 404, "ResourceNotFound")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg-nope/providers/Microsoft.Compute/virtualMachines/vm-web", 404, "ResourceGroupNotFound")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg-nope/providers/Microsoft.Compute/virtualMachines", 404, "ResourceGroupNotFound")]
    [InlineData("/subscriptions/22222222-2222-2222-2222-222222222222/providers/Microsoft.Compute/virtualMachines", 404, "SubscriptionNotFound")]
    public async Task Unknown_things_get_ARM_404_bodies(string path, int status, string code)
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.GetAsync(path + V);

        Assert.Equal(status, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(reply.ErrorMessage));
    }

    [Fact]
    public async Task A_forbidden_subscription_answers_403_naming_the_action_and_scope()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create($$"""{ "forbiddenSubscriptions": ["{{ForbiddenSub}}"] }"""));
        using var client = new EmulatorClient(emulator);

        var list = await client.GetAsync($"/subscriptions/{ForbiddenSub}/providers/Microsoft.Compute/virtualMachines" + V);
        var allowed = await client.GetAsync($"/subscriptions/{Sub}/providers/Microsoft.Compute/virtualMachines" + V);

        Assert.Equal(403, list.Status);
        Assert.Equal("AuthorizationFailed", list.ErrorCode);
        Assert.Contains("'Microsoft.Compute/virtualMachines/read'", list.ErrorMessage);
        Assert.Contains($"'/subscriptions/{ForbiddenSub}'", list.ErrorMessage);
        Assert.Equal(200, allowed.Status);

        var hiddenVm = $"/subscriptions/{ForbiddenSub}/resourceGroups/rg-secret/providers/Microsoft.Compute/virtualMachines/vm-hidden";
        var children = await client.GetAsync(hiddenVm + "/extensions" + V);
        Assert.Contains("'Microsoft.Compute/virtualMachines/extensions/read'", children.ErrorMessage);
        Assert.Contains($"over scope '{hiddenVm}'", children.ErrorMessage);
    }
}
