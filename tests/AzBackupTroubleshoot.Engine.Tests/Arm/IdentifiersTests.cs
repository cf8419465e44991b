using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Engine.Tests.Arm;

/// <summary>
/// The identifier rules both fronts rely on: what they accept (ARM's real shapes, Unicode group names, protected item
/// names with ';', a trailing '/') and what they refuse, with which code, target and a one-line message.
/// </summary>
public sealed class IdentifiersTests
{
    private const string Sub = "5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d";
    private const string Group = "/subscriptions/" + Sub + "/resourceGroups/rg-app";
    private const string Vm = Group + "/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Vault = "/subscriptions/" + Sub + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod-ne";

    [Theory]
    [InlineData(Vm)]
    [InlineData(Vm + "/")]
    [InlineData("  " + Vm + "  ")]
    [InlineData("/SUBSCRIPTIONS/" + Sub + "/RESOURCEGROUPS/RG-APP/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM1")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg(prod)_1.a/providers/Microsoft.Compute/virtualMachines/vm_1.a-b")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/grupo-produção/providers/Microsoft.Compute/virtualMachines/vm1")]
    public void Accepts_vm_ids_as_ARM_writes_them(string id)
    {
        var vm = Identifiers.VmId(id);
        Assert.Equal(Sub, vm.SubscriptionId, ignoreCase: true);
        Assert.True(ArmIds.TryParseVmId(vm.ToString(), out _));
    }

    [Theory]
    [InlineData("", FailureCodes.InvalidResourceId, "is empty")]
    [InlineData("vm1", FailureCodes.InvalidResourceId, "does not start with /subscriptions/")]
    [InlineData("/subscriptions/------------------------------------/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "is not a subscription id")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "'..' segment")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/./providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "'.' segment")]
    [InlineData(Vm + "/../../x", FailureCodes.InvalidResourceId, "'..' segment")]
    [InlineData(Vm + "?api-version=1", FailureCodes.InvalidResourceId, "query string")]
    [InlineData(Vm + "#f", FailureCodes.InvalidResourceId, "query string")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/%2e%2e/providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "percent-escape")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups//providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "empty segment")]
    [InlineData(Group + "/providers/Microsoft.Compute/virtualMachines/", FailureCodes.InvalidResourceId, "missing segments")]
    [InlineData(Group + "/providers/Microsoft.Storage/storageAccounts/vm", FailureCodes.InvalidResourceId, "not a Microsoft.Compute/virtualMachines")]
    [InlineData(Vm + "/extensions/x", FailureCodes.InvalidResourceId, "segments after")]
    [InlineData("https://management.azure.com" + Vm, FailureCodes.InvalidResourceId, "URL")]
    [InlineData(Vm + "\r\nX-Injected: 1", FailureCodes.InvalidResourceId, "control character")]
    [InlineData(Vm + "\u200B", FailureCodes.InvalidResourceId, "not a virtualMachines name")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg./providers/Microsoft.Compute/virtualMachines/vm", FailureCodes.InvalidResourceId, "ends with '.'")]
    public void Refuses_malformed_vm_ids_saying_what_is_wrong(string id, string code, string why)
    {
        var ex = Assert.Throws<AzbtException>(() => Identifiers.VmId(id));
        Assert.Equal(FailureKind.InvalidInput, ex.Kind);
        Assert.Equal(code, ex.Code);
        Assert.Equal(id, ex.Target);
        Assert.Contains(why, ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.True(ex.Message.Length <= 600);
    }

    [Fact]
    public void A_very_long_name_is_refused_with_a_short_message()
    {
        var ex = Assert.Throws<AzbtException>(() => Identifiers.VmId(Group + "/providers/Microsoft.Compute/virtualMachines/" + new string('a', 5000)));
        Assert.Equal(FailureCodes.InvalidResourceId, ex.Code);
        Assert.True(ex.Message.Length < 600, ex.Message);
        Assert.Contains("Expected /subscriptions/", ex.Message);
    }

    [Theory]
    [InlineData("rg")]
    [InlineData("RG-App_1.(x)")]
    [InlineData("grupo-produção")]
    [InlineData("ресурсы")]
    [InlineData("a")]
    public void Accepts_resource_group_names_ARM_accepts(string name)
        => Assert.Equal(name, Identifiers.ResourceGroupName(name));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("rg.")]
    [InlineData("rg/x")]
    [InlineData("rg?x=1")]
    [InlineData("rg x")]
    [InlineData("rg\u202E")]
    [InlineData("rg-\U0001F600")]
    public void Refuses_resource_group_names_ARM_refuses(string name)
    {
        var ex = Assert.Throws<AzbtException>(() => Identifiers.ResourceGroupName(name));
        Assert.Equal(FailureCodes.InvalidResourceGroupName, ex.Code);
        Assert.Equal(name, ex.Target);
    }

    [Fact]
    public void A_91_character_group_name_is_refused_and_90_accepted()
    {
        Assert.Equal(new string('r', 90), Identifiers.ResourceGroupName(new string('r', 90)));
        Assert.Contains("at most 90", Assert.Throws<AzbtException>(() => Identifiers.ResourceGroupName(new string('r', 91))).Message);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("------------------------------------")]
    [InlineData("{" + Sub + "}")]
    [InlineData(Sub + "/..")]
    [InlineData("１１１１１１１１-1111-1111-1111-111111111111")]
    [InlineData("5e7a0c1d2b3f4a6e8c9d0e1f2a3b4c5d")]
    public void Subscription_ids_are_GUIDs_of_hex_digits(string value)
    {
        Assert.Equal(FailureCodes.InvalidSubscriptionId, Assert.Throws<AzbtException>(() => Identifiers.SubscriptionId(value)).Code);
        Assert.False(Identifiers.IsSubscriptionId(value));
    }

    [Fact]
    public void Vault_job_group_and_protected_item_ids_parse_by_kind()
    {
        Assert.Equal(Vault, Identifiers.VaultId(Vault + "/"));
        Assert.Equal(Vault + "/backupJobs/5ab00002-0000-4000-8000-000000000002", Identifiers.BackupJobId(Vault + "/backupJobs/5ab00002-0000-4000-8000-000000000002"));
        Assert.Equal(Group, Identifiers.ResourceGroupId(Group));
        var item = Identifiers.Parse(Vault + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;vm1/protectedItems/VM;iaasvmcontainerv2;rg-app;vm1", Identifiers.ProtectedItem);
        Assert.Equal(Vault, item.Parent);
        Assert.Equal("VM;iaasvmcontainerv2;rg-app;vm1", item.Names[3]);
        Assert.Equal(Group + "/providers/Microsoft.Compute/disks/os-disk", Identifiers.DiskId(Group + "/providers/Microsoft.Compute/disks/os-disk"));
    }

    [Theory]
    [InlineData(Vault + "/backupJobs/")]
    [InlineData(Vault + "/backupJobs/..")]
    [InlineData(Vault + "/backupJobs/j?x=1")]
    [InlineData(Vault + "/backupJobs/j/cancel")]
    [InlineData(Vault + "/protectedItems/j")]
    [InlineData(Vault)]
    [InlineData("x")]
    [InlineData("/")]
    public void Job_ids_must_be_a_vaults_job(string id)
        => Assert.Equal(FailureCodes.InvalidResourceId, Assert.Throws<AzbtException>(() => Identifiers.BackupJobId(id)).Code);

    [Theory]
    [InlineData("../..")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/-bad")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/..")]
    public void Vault_ids_must_be_Recovery_Services_vaults(string id)
        => Assert.Equal(FailureCodes.InvalidResourceId, Assert.Throws<AzbtException>(() => Identifiers.VaultId(id)).Code);

    [Theory]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/..")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg/../x")]
    [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg/providers/x/y/z")]
    [InlineData("rg-restore")]
    public void Resource_group_ids_are_subscription_and_group_only(string id)
        => Assert.Equal(FailureCodes.InvalidResourceId, Assert.Throws<AzbtException>(() => Identifiers.ResourceGroupId(id)).Code);
}
