using AzBackupTroubleshoot.Engine.Tests.Checks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Restore;
using AzBackupTroubleshoot.Restore.PreChecks;
using static AzBackupTroubleshoot.Engine.Tests.Restore.RestoreFactsFixture;

namespace AzBackupTroubleshoot.Engine.Tests.Restore;

/// <summary>The pre-checks' rules on facts built in code: the cases the restore scenario does not show end to end.</summary>
public sealed class RestorePreCheckTests
{
    [Fact]
    public void Healthy_facts_pass_every_pre_check()
    {
        var results = RestoreReadiness.Evaluate(Facts());
        Assert.All(results, r => Assert.True(r.Status == CheckStatus.Pass, $"{r.CheckId}: {r.Status} {r.Message}"));
        Assert.All(results, r => Assert.Empty(r.Codes));
    }

    // ---- storage account

    [Theory]
    [InlineData("Standard_RAGRS", "StorageV2", CheckStatus.Pass)]
    [InlineData("Standard_GRS", "Storage", CheckStatus.Pass)]
    [InlineData("Standard_GZRS", "StorageV2", CheckStatus.Fail)]
    [InlineData("Premium_LRS", "FileStorage", CheckStatus.Fail)]
    [InlineData("Standard_LRS", "BlockBlobStorage", CheckStatus.Fail)]
    [InlineData("Standard_LRS", "", CheckStatus.Fail)]
    public void StorageAccountType_allows_only_standard_LRS_or_GRS_general_purpose_accounts(string sku, string kind, CheckStatus expected)
    {
        var outcome = new StorageAccountTypeCheck().Evaluate(Facts().With(nameof(RestoreFacts.StorageAccount), StorageAccount(sku, kind)));
        Assert.Equal(expected, outcome.Status);
    }

    [Fact]
    public void StorageAccountAvailable_fails_while_the_account_is_still_provisioning()
    {
        var outcome = new StorageAccountAvailableCheck().Evaluate(Facts().With(nameof(RestoreFacts.StorageAccount), StorageAccount(state: "Creating")));
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("Creating", outcome.Message.English());
    }

    [Fact]
    public void Storage_checks_skip_with_ARMs_reason_when_the_account_cannot_be_read()
    {
        var facts = Facts().With(nameof(RestoreFacts.StorageAccount), Forbidden(AccountId));
        foreach (var check in new RestorePreCheck[] { new StorageAccountRegionCheck(), new StorageAccountTypeCheck(), new StorageAccountAvailableCheck() })
        {
            var outcome = check.Evaluate(facts);
            Assert.Equal(CheckStatus.Skipped, outcome.Status);
            Assert.Contains("AuthorizationFailed", outcome.Message.English());
        }
    }

    [Fact]
    public void StorageAccountRegion_compares_display_names_and_ids_alike()
    {
        var facts = Facts().With(nameof(RestoreFacts.StorageAccount), StorageAccount(location: "West Europe"));
        Assert.Equal(CheckStatus.Pass, new StorageAccountRegionCheck().Evaluate(facts).Status);
    }

    // ---- subnet

    [Fact]
    public void SubnetExists_fails_for_a_network_of_another_subscription()
    {
        var otherVnet = $"/subscriptions/{OtherSub}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet1";
        var facts = Facts(Request(r => r.SubnetId = otherVnet + "/subnets/app"))
            .With(nameof(RestoreFacts.VirtualNetwork), Read(otherVnet, """{ "location": "westeurope", "properties": { "subnets": [ { "name": "app" } ] } }"""));
        var outcome = new SubnetExistsCheck().Evaluate(facts);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Equal(new[] { "NoCode.RestoreInvalidVnetConfig" }, outcome.Codes);
    }

    [Fact]
    public void SubnetExists_matches_subnet_names_case_insensitively()
    {
        var facts = Facts(Request(r => r.SubnetId = VnetId + "/subnets/APP"));
        Assert.Equal(CheckStatus.Pass, new SubnetExistsCheck().Evaluate(facts).Status);
    }

    // ---- quota

    [Fact]
    public void ResourceGroupQuota_fails_when_the_region_has_no_room_for_another_vm()
    {
        var outcome = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ComputeUsages), Usages(vmsUsed: 25000)));
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("25000 of its 25000 VMs", outcome.Message.English());
    }

    [Fact]
    public void ResourceGroupQuota_passes_when_the_size_fits_exactly()
    {
        var outcome = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ComputeUsages), Usages(coresUsed: 18, coresLimit: 20)));
        Assert.Equal(CheckStatus.Pass, outcome.Status);
    }

    [Fact]
    public void ResourceGroupQuota_warns_when_the_subscription_is_at_the_resource_group_limit()
    {
        var atLimit = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ResourceGroups), Groups(ResourceGroupQuotaCheck.ResourceGroupLimit)));
        var below = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ResourceGroups), Groups(ResourceGroupQuotaCheck.ResourceGroupLimit - 1)));

        Assert.Equal(CheckStatus.Warning, atLimit.Status);
        Assert.Equal(new[] { "NoCode.RestoreResourceGroupQuotaReached" }, atLimit.Codes);
        Assert.Equal(CheckStatus.Pass, below.Status);
    }

    [Fact]
    public void ResourceGroupQuota_skips_when_ARM_reports_no_usage_or_cannot_be_read()
    {
        var empty = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ComputeUsages), Read("usages", """{ "value": [] }""")));
        var forbidden = new ResourceGroupQuotaCheck().Evaluate(Facts().With(nameof(RestoreFacts.ComputeUsages), Forbidden("usages")));

        Assert.Equal(CheckStatus.Skipped, empty.Status);
        Assert.Equal(CheckStatus.Skipped, forbidden.Status);
        Assert.Contains("AuthorizationFailed", forbidden.Message.English());
    }

    [Fact]
    public void ResourceGroupQuota_uses_the_requested_size_over_the_source_vms()
    {
        var outcome = new ResourceGroupQuotaCheck().Evaluate(Facts(Request(r => r.VmSize = "Standard_D8s_v3")).With(nameof(RestoreFacts.ComputeUsages), Usages(coresUsed: 15)));
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("needs 8 vCPUs but only 5", outcome.Message.English());
    }

    // ---- names

    [Fact]
    public void NameAvailable_skips_when_the_dns_answer_could_not_be_read_even_if_the_name_is_free()
    {
        var outcome = new NameAvailableCheck().Evaluate(Facts().With(nameof(RestoreFacts.DnsAvailability), Forbidden("dns")));
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("AuthorizationFailed", outcome.Message.English());
    }

    [Fact]
    public void NameAvailable_names_both_collisions()
    {
        var facts = Facts()
            .With(nameof(RestoreFacts.ExistingVm), Read(TargetGroup + "/providers/Microsoft.Compute/virtualMachines/vm1-restored", "{}"))
            .With(nameof(RestoreFacts.DnsAvailability), Read("dns", """{ "available": false }"""));
        var outcome = new NameAvailableCheck().Evaluate(facts);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("a VM named 'vm1-restored'", outcome.Message.English());
        Assert.Contains("DNS label 'vm1-restored'", outcome.Message.English());
    }

    // ---- cross-subscription rules

    [Fact]
    public void BackupServicePermission_passes_for_a_clean_cross_subscription_restore()
        => Assert.Equal(CheckStatus.Pass, new BackupServicePermissionCheck().Evaluate(CrossSubscription()).Status);

    [Fact]
    public void BackupServicePermission_sees_legacy_model_encryption_on_the_os_disk()
    {
        var facts = CrossSubscription().With(nameof(RestoreFacts.SourceVm),
            Vm(osDisk: """{ "name": "vm1-os", "managedDisk": { "id": "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm1-os" }, "encryptionSettings": { "enabled": true, "diskEncryptionKey": { "secretUrl": "https://kv.vault.azure.net/secrets/s/1", "sourceVault": { "id": "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" } } } }"""));
        var outcome = new BackupServicePermissionCheck().Evaluate(facts);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Equal(new[] { "UserErrorCrossSubscriptionRestoreNotSuppportedForEncryptedAzureVM" }, outcome.Codes);
    }

    [Fact]
    public void BackupServicePermission_lists_every_broken_rule_at_once()
    {
        var facts = CrossSubscription()
            .With(nameof(RestoreFacts.TargetSubscription), Subscription(OtherSub, tenant: "b7e6d5c4-a3b2-4190-8f7e-6d5c4b3a2910"))
            .With(nameof(RestoreFacts.SourceVm), Vm(extraProperties: "\"securityProfile\": { \"securityType\": \"TrustedLaunch\" },"));
        var outcome = new BackupServicePermissionCheck().Evaluate(facts);
        Assert.Equal(new[] { "UserErrorCrossSubscriptionRestoreInvalidTenant", "UserErrorCrossSubscriptionRestoreNotSuppportedForTrustedLaunchAzureVM" }, outcome.Codes);
    }

    [Fact]
    public void BackupServicePermission_skips_a_cross_subscription_restore_of_a_deleted_vm()
    {
        var outcome = new BackupServicePermissionCheck().Evaluate(CrossSubscription().With(nameof(RestoreFacts.SourceVm), Missing(VmId)));
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("no longer exists", outcome.Message.English());
    }

    [Fact]
    public void BackupServicePermission_skips_when_the_os_disk_could_not_be_read()
    {
        var outcome = new BackupServicePermissionCheck().Evaluate(CrossSubscription().With(nameof(RestoreFacts.SourceOsDisk), Forbidden("/disk")));
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
    }

    [Fact]
    public void BackupServicePermission_skips_when_the_vault_is_unknown()
    {
        var facts = new RestoreFacts(Request()) { SourceVmId = VmId };
        Assert.Equal(CheckStatus.Skipped, new BackupServicePermissionCheck().Evaluate(facts).Status);
    }
}
