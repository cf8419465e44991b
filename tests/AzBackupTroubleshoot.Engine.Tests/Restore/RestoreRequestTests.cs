using AzBackupTroubleshoot.Restore;
using static AzBackupTroubleshoot.Engine.Tests.Restore.RestoreFactsFixture;

namespace AzBackupTroubleshoot.Engine.Tests.Restore;

public sealed class RestoreRequestTests
{
    [Fact]
    public void A_complete_request_is_valid()
        => Request().Validate();

    [Fact]
    public void A_protected_item_alone_names_the_source_and_the_vault()
    {
        var item = VaultId + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;vm1/protectedItems/VM;iaasvmcontainerv2;rg-app;vm1";
        var request = new RestoreRequest { ProtectedItemId = item, TargetResourceGroupId = TargetGroup };

        request.Validate();
        Assert.Equal(VaultId, request.VaultOfProtectedItem);
    }

    [Theory]
    [InlineData(nameof(RestoreRequest.SourceVmId), null, "Name the VM to restore")]
    [InlineData(nameof(RestoreRequest.VaultId), "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", "Recovery Services vault")]
    [InlineData(nameof(RestoreRequest.TargetResourceGroupId), null, "target resource group id is required")]
    [InlineData(nameof(RestoreRequest.TargetResourceGroupId), "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/x/y/z", "resource group")]
    [InlineData(nameof(RestoreRequest.StorageAccountId), "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/ab", "storage account")]
    [InlineData(nameof(RestoreRequest.SubnetId), "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/", "subnet")]
    [InlineData(nameof(RestoreRequest.TargetVmName), "ends-with-dash-", "not a valid VM name")]
    [InlineData(nameof(RestoreRequest.DnsLabel), "1starts-with-digit", "not a valid DNS label")]
    [InlineData(nameof(RestoreRequest.TargetRegion), "west/europe", "not a region name")]
    public void Malformed_input_is_named_in_the_exception(string property, string? value, string message)
    {
        var request = Request();
        typeof(RestoreRequest).GetProperty(property)!.SetValue(request, value);
        var ex = Assert.Throws<AzBackupTroubleshoot.Errors.AzbtException>(request.Validate);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.InvalidInput, ex.Kind);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("West Europe", "westeurope")]
    [InlineData("northeurope", "northeurope")]
    public void Regions_are_compared_in_their_id_form(string given, string normalized)
        => Assert.Equal(normalized, RestoreRequest.NormalizeRegion(given));
}
