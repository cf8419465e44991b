using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Restore.RestoreScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Restore;

/// <summary>The emulator's reads the restore pre-checks rely on: storage accounts, usages, VM sizes, DNS labels, provider registration.</summary>
public sealed class RestoreEndpointTests : IAsyncLifetime
{
    private const string V = "?" + EmulatorClient.ApiVersion;
    private ArmEmulator _emulator = null!;
    private EmulatorClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ArmEmulator.StartAsync(Scenario.Load(RestoreScenario.Path));
        _client = new EmulatorClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Storage_accounts_are_served_by_id_and_listed_per_group()
    {
        var one = await _client.GetAsync(StorageAccount("strestoreoffline").ToUpperInvariant() + V);
        var (all, _) = await _client.ListAllAsync(Group(Main, "rg-storage") + "/providers/Microsoft.Storage/storageAccounts" + V);

        Assert.Equal(200, one.Status);
        Assert.Equal("unavailable", one.Body!.Value.GetProperty("properties").GetProperty("statusOfPrimary").GetString());
        Assert.Equal(6, all.Count);
        Assert.Contains(all, a => a.GetProperty("sku").GetProperty("name").GetString() == "Premium_LRS");
    }

    [Fact]
    public async Task A_missing_storage_account_answers_404_ResourceNotFound()
    {
        var reply = await _client.GetAsync(StorageAccount("nosuchaccount") + V);

        Assert.Equal(404, reply.Status);
        Assert.Equal("ResourceNotFound", reply.ErrorCode);
    }

    [Fact]
    public async Task Compute_usages_list_the_stored_items_without_id_or_type()
    {
        var (items, _) = await _client.ListAllAsync($"/subscriptions/{Main}/providers/Microsoft.Compute/locations/westeurope/usages" + V);

        var cores = Assert.Single(items, i => i.GetProperty("name").GetProperty("value").GetString() == "cores");
        Assert.Equal(18, cores.GetProperty("currentValue").GetInt32());
        Assert.Equal(20, cores.GetProperty("limit").GetInt32());
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.False(i.TryGetProperty("id", out _) || i.TryGetProperty("type", out _)));
    }

    [Fact]
    public async Task Usages_of_a_region_with_nothing_stored_are_an_empty_list()
    {
        var (items, _) = await _client.ListAllAsync($"/subscriptions/{Main}/providers/Microsoft.Compute/locations/japaneast/usages" + V);

        Assert.Empty(items);
    }

    [Fact]
    public async Task Vm_sizes_of_a_region_carry_their_core_counts()
    {
        var (items, _) = await _client.ListAllAsync($"/subscriptions/{Main}/providers/Microsoft.Compute/locations/westeurope/vmSizes" + V);

        var d8 = Assert.Single(items, i => i.GetProperty("name").GetString() == "Standard_D8s_v3");
        Assert.Equal(8, d8.GetProperty("numberOfCores").GetInt32());
    }

    [Theory]
    [InlineData("westeurope", "contoso-restore-taken", false)]
    [InlineData("westeurope", "CONTOSO-RESTORE-TAKEN", false)]
    [InlineData("westeurope", "contoso-restore-free", true)]
    [InlineData("northeurope", "contoso-restore-taken", true)] // labels are unique per region only
    public async Task Dns_label_is_available_unless_a_public_ip_in_the_region_holds_it(string region, string label, bool available)
    {
        // Asked from another subscription than the public IP's: labels are shared by the whole region.
        var reply = await _client.GetAsync($"/subscriptions/{CrossSubscription}/providers/Microsoft.Network/locations/{region}/CheckDnsNameAvailability{V}&domainNameLabel={label}");

        Assert.Equal(200, reply.Status);
        Assert.Equal(available, reply.Body!.Value.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Dns_check_without_a_label_is_a_bad_request()
    {
        var reply = await _client.GetAsync($"/subscriptions/{Main}/providers/Microsoft.Network/locations/westeurope/CheckDnsNameAvailability" + V);

        Assert.Equal(400, reply.Status);
        Assert.Equal("MissingDomainNameLabel", reply.ErrorCode);
    }

    [Fact]
    public async Task Providers_are_registered_unless_the_scenario_stores_another_state()
    {
        var registered = await _client.GetAsync($"/subscriptions/{Main}/providers/Microsoft.RecoveryServices" + V);
        var notRegistered = await _client.GetAsync($"/subscriptions/{Unregistered}/providers/Microsoft.RecoveryServices" + V);

        Assert.Equal("Registered", registered.Str("registrationState"));
        Assert.Equal("Microsoft.RecoveryServices", registered.Str("namespace"));
        Assert.Equal("NotRegistered", notRegistered.Str("registrationState"));
    }

    [Fact]
    public async Task New_reads_under_a_forbidden_or_unknown_subscription_keep_the_usual_errors()
    {
        var forbidden = await _client.GetAsync($"/subscriptions/{Forbidden}/providers/Microsoft.Compute/locations/westeurope/usages" + V);
        var unknown = await _client.GetAsync("/subscriptions/12345678-1234-1234-1234-123456789012/providers/Microsoft.RecoveryServices" + V);

        Assert.Equal(403, forbidden.Status);
        Assert.Equal("AuthorizationFailed", forbidden.ErrorCode);
        Assert.Equal(404, unknown.Status);
        Assert.Equal("SubscriptionNotFound", unknown.ErrorCode);
    }

    [Fact]
    public async Task Other_location_paths_still_answer_404()
    {
        var reply = await _client.GetAsync($"/subscriptions/{Main}/providers/Microsoft.Compute/locations/westeurope/publishers" + V);

        Assert.Equal(404, reply.Status);
    }
}
