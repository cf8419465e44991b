using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Restore;
using static AzBackupTroubleshoot.EndToEnd.Tests.Restore.RestoreScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Restore;

/// <summary>One emulator serving scenarios/restore.json for all the restore tests of a class.</summary>
public sealed class RestoreAzure : IAsyncLifetime
{
    public EmulatedAzure Azure { get; private set; } = null!;

    public async Task InitializeAsync() => Azure = await EmulatedAzure.StartAsync(AzBackupTroubleshoot.Emulator.Scenario.Load(RestoreScenario.Path));

    public Task DisposeAsync() => Azure.DisposeAsync().AsTask();

    /// <summary>Runs the pre-checks; the tests read English wording, so the culture is pinned rather than the machine's.</summary>
    public Task<RestoreReadinessReport> CheckAsync(RestoreRequest request, string culture = "en-US")
        => new RestoreReadiness(Azure.Connect(maxRetries: 0)) { Culture = new System.Globalization.CultureInfo(culture) }.CheckAsync(request);
}

/// <summary>
/// Each restore pre-check's passing and failing case, through the real Azure SDK pipeline over HTTPS against the
/// emulator serving scenarios/restore.json.
/// </summary>
public sealed class RestoreReadinessTests : IClassFixture<RestoreAzure>
{
    private readonly RestoreAzure _azure;

    public RestoreReadinessTests(RestoreAzure azure) => _azure = azure;

    private static RestoreRequest Request(string vm = "vm-app-01", string? targetGroup = null) => new()
    {
        SourceVmId = Vm(vm),
        VaultId = Vault,
        TargetResourceGroupId = targetGroup ?? TargetGroup,
    };

    private async Task<CheckResult> Check(RestoreRequest request, string checkId)
    {
        var report = await _azure.CheckAsync(request);
        Assert.Equal(AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<RestorePreCheck>().Count, report.Results.Count);
        return Assert.Single(report.Results, r => r.CheckId == checkId);
    }

    private static RestoreRequest With(Action<RestoreRequest> change, string vm = "vm-app-01", string? targetGroup = null)
    {
        var request = Request(vm, targetGroup);
        change(request);
        return request;
    }

    // ---- Restore.StorageAccountRegion

    [Fact]
    public async Task StorageAccountRegion_passes_for_an_account_in_the_vaults_region()
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount("strestorewe")), "Restore.StorageAccountRegion");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains(result.Evidence, e => e.Path == "location" && e.Value == "westeurope");
    }

    [Fact]
    public async Task StorageAccountRegion_fails_for_an_account_in_another_region()
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount("strestorene")), "Restore.StorageAccountRegion");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "NoCode.RestoreStorageAccountRegionMismatch" }, result.Codes);
        Assert.Contains("northeurope", result.Message);
        Assert.Equal("docs/restore-checks.md#restorestorageaccountregion", result.DocPage);
    }

    // ---- Restore.StorageAccountType

    [Fact]
    public async Task StorageAccountType_passes_for_a_standard_LRS_general_purpose_account()
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount("strestorewe")), "Restore.StorageAccountType");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Theory]
    [InlineData("strestorepremium", "premium")]
    [InlineData("strestorezrs", "zone-redundant")]
    [InlineData("strestoreblob", "BlobStorage")]
    public async Task StorageAccountType_fails_for_premium_zone_redundant_and_special_kinds(string account, string named)
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount(account)), "Restore.StorageAccountType");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(named, result.Message);
        Assert.Equal(new[] { "NoCode.RestoreStorageAccountUnsupported" }, result.Codes);
    }

    // ---- Restore.StorageAccountAvailable

    [Fact]
    public async Task StorageAccountAvailable_passes_for_a_provisioned_account_with_its_primary_available()
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount("strestorewe")), "Restore.StorageAccountAvailable");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task StorageAccountAvailable_fails_when_the_primary_is_unavailable()
    {
        var result = await Check(With(r => r.StorageAccountId = StorageAccount("strestoreoffline")), "Restore.StorageAccountAvailable");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "NoCode.RestoreStorageAccountOffline" }, result.Codes);
        Assert.Contains(result.Evidence, e => e.Path == "properties.statusOfPrimary" && e.Value == "unavailable");
    }

    [Fact]
    public async Task StorageAccountAvailable_fails_for_an_account_that_does_not_exist_and_the_other_storage_checks_skip()
    {
        var report = await _azure.CheckAsync(With(r => r.StorageAccountId = StorageAccount("strestoregone")));

        Assert.Equal(CheckStatus.Fail, report.Results.Single(r => r.CheckId == "Restore.StorageAccountAvailable").Status);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.StorageAccountRegion").Status);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.StorageAccountType").Status);
        Assert.Empty(report.Errors); // a missing account is the finding, not a failed read
    }

    [Fact]
    public async Task Storage_checks_skip_when_no_account_is_given()
    {
        var report = await _azure.CheckAsync(Request());
        Assert.All(report.Results.Where(r => r.CheckId.StartsWith("Restore.StorageAccount")), r =>
        {
            Assert.Equal(CheckStatus.Skipped, r.Status);
            Assert.Contains("No storage account", r.Message);
        });
    }

    [Fact]
    public async Task A_forbidden_storage_account_read_skips_the_storage_checks_with_ARMs_reason_and_is_a_scope_error()
    {
        _azure.Azure.Emulator.Faults.Add(new AzBackupTroubleshoot.Emulator.FaultRule { Method = "GET", PathPattern = "/storageAccounts/strestorewe$", Status = 403, Times = 1 });

        var report = await _azure.CheckAsync(With(r => r.StorageAccountId = StorageAccount("strestorewe")));

        Assert.All(report.Results.Where(r => r.CheckId.StartsWith("Restore.StorageAccount")), r =>
        {
            Assert.Equal(CheckStatus.Skipped, r.Status);
            Assert.Contains("AuthorizationFailed", r.Message);
        });
        Assert.Equal("AuthorizationFailed", Assert.Single(report.Errors).ErrorId);
    }

    // ---- Restore.SubnetExists

    [Fact]
    public async Task SubnetExists_passes_for_an_existing_subnet_in_the_target_region()
    {
        var result = await Check(With(r => r.SubnetId = Subnet("vnet-restore-we", "app")), "Restore.SubnetExists");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task SubnetExists_fails_for_a_subnet_the_network_does_not_have()
    {
        var result = await Check(With(r => r.SubnetId = Subnet("vnet-restore-we", "web")), "Restore.SubnetExists");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "NoCode.RestoreSubnetNotFound" }, result.Codes);
        Assert.Contains("default, app", result.Message);
    }

    [Fact]
    public async Task SubnetExists_fails_when_the_virtual_network_does_not_exist()
    {
        var result = await Check(With(r => r.SubnetId = Subnet("vnet-gone", "default")), "Restore.SubnetExists");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "NoCode.RestoreSubnetNotFound" }, result.Codes);
    }

    [Fact]
    public async Task SubnetExists_fails_for_a_network_in_another_region()
    {
        var result = await Check(With(r => r.SubnetId = Subnet("vnet-restore-ne", "default")), "Restore.SubnetExists");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "NoCode.RestoreInvalidVnetConfig" }, result.Codes);
    }

    [Fact]
    public async Task SubnetExists_skips_when_no_subnet_is_given()
    {
        var result = await Check(Request(), "Restore.SubnetExists");
        Assert.Equal(CheckStatus.Skipped, result.Status);
    }

    // ---- Restore.ResourceGroupQuota

    [Fact]
    public async Task ResourceGroupQuota_passes_when_the_region_has_the_vcpus_the_size_needs()
    {
        var result = await Check(Request("vm-app-01"), "Restore.ResourceGroupQuota");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains(result.Evidence, e => e.Path == "value[name.value=cores]" && e.Value == "18/20");
    }

    [Fact]
    public async Task ResourceGroupQuota_fails_when_the_size_needs_more_vcpus_than_are_free()
    {
        var result = await Check(Request("vm-app-big"), "Restore.ResourceGroupQuota");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("needs 8 vCPUs but only 2", result.Message);
        Assert.Equal(new[] { "NoCode.RestoreResourceGroupQuotaReached" }, result.Codes);
    }

    [Fact]
    public async Task ResourceGroupQuota_fails_when_the_size_is_not_offered_in_the_region()
    {
        var result = await Check(Request("vm-app-basic"), "Restore.ResourceGroupQuota");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "UserErrorSkuNotAvailable" }, result.Codes);
    }

    [Fact]
    public async Task ResourceGroupQuota_skips_for_a_deleted_vm_unless_a_size_is_given()
    {
        var unknownSize = await Check(Request("vm-app-deleted"), "Restore.ResourceGroupQuota");
        var givenSize = await Check(With(r => r.VmSize = "Standard_D4s_v3", vm: "vm-app-deleted"), "Restore.ResourceGroupQuota");

        Assert.Equal(CheckStatus.Skipped, unknownSize.Status);
        Assert.Equal(CheckStatus.Fail, givenSize.Status); // 4 vCPUs, 2 free
    }

    // ---- Restore.NameAvailable

    [Fact]
    public async Task NameAvailable_passes_for_an_unused_vm_name_and_dns_label()
    {
        var result = await Check(With(r => { r.TargetVmName = "vm-app-01-restored"; r.DnsLabel = "contoso-restore-new"; }), "Restore.NameAvailable");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task NameAvailable_fails_when_a_vm_with_the_name_exists_in_the_target_group()
    {
        var result = await Check(With(r => r.TargetVmName = TakenVmName), "Restore.NameAvailable");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("'vm-taken' already exists", result.Message);
        Assert.Equal(new[] { "NoCode.RestoreDnsNameTaken" }, result.Codes);
    }

    [Fact]
    public async Task NameAvailable_fails_when_the_dns_label_is_used_in_the_region()
    {
        var result = await Check(With(r => { r.TargetVmName = "vm-new"; r.DnsLabel = TakenDnsLabel; }), "Restore.NameAvailable");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(TakenDnsLabel, result.Message);
        Assert.DoesNotContain("vm-new", result.Message);
    }

    [Fact]
    public async Task NameAvailable_skips_when_neither_name_nor_label_is_given()
    {
        var result = await Check(Request(), "Restore.NameAvailable");
        Assert.Equal(CheckStatus.Skipped, result.Status);
    }

    // ---- Restore.BackupServicePermission

    [Fact]
    public async Task BackupServicePermission_passes_inside_the_vaults_subscription()
    {
        var result = await Check(Request(), "Restore.BackupServicePermission");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains("no cross-subscription rule applies", result.Message);
    }

    [Fact]
    public async Task BackupServicePermission_passes_for_a_cross_subscription_restore_that_meets_every_rule()
    {
        var result = await Check(Request(targetGroup: Group(CrossSubscription, "rg-restore-xsub")), "Restore.BackupServicePermission");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Theory]
    [InlineData("vm-app-01", Unregistered, "rg-restore-unregistered", "UserErrorCrossSubscriptionRestoreInvalidTargetSubscription")]
    [InlineData("vm-app-01", OtherTenant, "rg-restore-othertenant", "UserErrorCrossSubscriptionRestoreInvalidTenant")]
    [InlineData("vm-app-ade", CrossSubscription, "rg-restore-xsub", "UserErrorCrossSubscriptionRestoreNotSuppportedForEncryptedAzureVM")]
    [InlineData("vm-app-tl", CrossSubscription, "rg-restore-xsub", "UserErrorCrossSubscriptionRestoreNotSuppportedForTrustedLaunchAzureVM")]
    [InlineData("vm-app-unmanaged", CrossSubscription, "rg-restore-xsub", "UserErrorCrossSubscriptionRestoreNotSuppportedForUnManagedAzureVM")]
    public async Task BackupServicePermission_fails_for_each_broken_cross_subscription_rule(string vm, string subscription, string group, string code)
    {
        var result = await Check(Request(vm, Group(subscription, group)), "Restore.BackupServicePermission");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { code }, result.Codes);
    }

    [Fact]
    public async Task BackupServicePermission_fails_when_a_cross_subscription_restore_also_crosses_regions()
    {
        var result = await Check(With(r => r.TargetRegion = "North Europe", targetGroup: Group(CrossSubscription, "rg-restore-xsub")), "Restore.BackupServicePermission");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(new[] { "UserErrorCrossSubscriptionRestoreNotSuppportedForCRR" }, result.Codes);
    }

    [Fact]
    public async Task A_forbidden_target_subscription_gives_one_scope_error_and_skips_what_needs_it()
    {
        var report = await _azure.CheckAsync(With(r => r.TargetVmName = "vm-new", targetGroup: Group(Forbidden, "rg-restore-forbidden")));

        var error = Assert.Single(report.Errors);
        Assert.Equal("AuthorizationFailed", error.ErrorId);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.Authorization, error.Kind);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.BackupServicePermission").Status);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.NameAvailable").Status);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.ResourceGroupQuota").Status);
        Assert.DoesNotContain(report.Results, r => r.Status == CheckStatus.Pass && r.CheckId != "Restore.StorageAccountRegion");
    }

    // ---- the request: finding the vault, bad input

    [Fact]
    public async Task The_vault_is_found_by_searching_the_vms_subscription_when_not_given()
    {
        var report = await _azure.CheckAsync(new RestoreRequest { SourceVmId = Vm("vm-app-big"), TargetResourceGroupId = TargetGroup, StorageAccountId = StorageAccount("strestorene") });

        Assert.Empty(report.Errors);
        Assert.Equal(CheckStatus.Fail, report.Results.Single(r => r.CheckId == "Restore.StorageAccountRegion").Status);
        Assert.Equal(CheckStatus.Fail, report.Results.Single(r => r.CheckId == "Restore.ResourceGroupQuota").Status);
    }

    [Fact]
    public async Task A_protected_item_names_both_the_vault_and_the_source_vm()
    {
        var report = await _azure.CheckAsync(new RestoreRequest { ProtectedItemId = ProtectedItem("vm-app-big"), TargetResourceGroupId = TargetGroup });

        Assert.Empty(report.Errors);
        Assert.All(report.Results, r => Assert.Equal(Vm("vm-app-big"), r.VmId));
        Assert.Equal(CheckStatus.Fail, report.Results.Single(r => r.CheckId == "Restore.ResourceGroupQuota").Status);
    }

    [Fact]
    public async Task A_vm_no_vault_protects_is_reported_and_the_vault_dependent_checks_skip()
    {
        var report = await _azure.CheckAsync(new RestoreRequest { SourceVmId = ScenarioBuilder.VmId(Main, "rg-restore-we", TakenVmName), TargetResourceGroupId = TargetGroup });

        Assert.Equal("ProtectedItemNotFound", Assert.Single(report.Errors).ErrorId);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.BackupServicePermission").Status);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.ResourceGroupQuota").Status);
    }

    [Fact]
    public async Task A_missing_target_group_is_a_scope_error()
    {
        var report = await _azure.CheckAsync(With(r => r.TargetVmName = "vm-new", targetGroup: Group(Main, "rg-nowhere")));

        Assert.Equal("ResourceGroupNotFound", Assert.Single(report.Errors).ErrorId);
        Assert.Equal(CheckStatus.Skipped, report.Results.Single(r => r.CheckId == "Restore.NameAvailable").Status);
    }

    [Theory]
    [InlineData("TargetResourceGroupId", "/subscriptions/nope/resourceGroups/rg", "is not a resource group resource id")]
    [InlineData("TargetResourceGroupId", "", "target resource group id is required")]
    [InlineData("StorageAccountId", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/Bad_Name", "is not a storage account resource id")]
    [InlineData("SubnetId", "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "is not a subnet resource id")]
    [InlineData("DnsLabel", "Has_Upper", "is not a valid DNS label")]
    [InlineData("SourceVmId", "/subscriptions/x/vm", "is not a virtual machine resource id")]
    public async Task Malformed_input_is_invalid_input_before_any_request(string property, string value, string message)
    {
        var request = Request();
        typeof(RestoreRequest).GetProperty(property)!.SetValue(request, value);
        _azure.Azure.Emulator.Requests.Reset();

        var ex = await Assert.ThrowsAsync<AzbtException>(() => _azure.CheckAsync(request));
        Assert.Equal(FailureKind.InvalidInput, ex.Kind);

        Assert.Contains(message, ex.Message);
        Assert.Equal(0, _azure.Azure.Emulator.Requests.Total);
    }
}
