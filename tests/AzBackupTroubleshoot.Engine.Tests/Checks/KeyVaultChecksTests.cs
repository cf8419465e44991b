using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.KeyVault;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class KeyVaultChecksTests
{
    private static readonly Scenario Disks = Scenario.Load("disks-and-encryption.json");

    [Fact]
    public void BackupAccess_passes_when_backups_policy_grants_what_it_needs()
    {
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-ok");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.accessPolicies[1].permissions");
    }

    [Fact]
    public void BackupAccess_fails_when_no_policy_grants_the_permissions()
    {
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-nopolicy");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("kv-none", outcome.Message.English());
        Assert.Contains("keys", outcome.Message.English());
    }

    [Fact]
    public void BackupAccess_fails_when_backups_own_policy_lacks_secret_backup_for_a_bek_only_vm()
    {
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-bekonly");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("secrets", outcome.Message.English());
        Assert.Contains("backup", outcome.Message.English());
    }

    [Fact]
    public void BackupAccess_warns_when_the_granting_policy_cannot_be_attributed_to_backup()
    {
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-unattributed");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("8a7b6c5d-0000-4000-8000-000000000003", outcome.Message.English());
    }

    [Fact]
    public void BackupAccess_recognises_backups_objectId_learned_from_a_policy_that_names_its_application()
    {
        // Another of the VM's key vaults has a policy naming Backup's application with objectId ...0003: the policy in
        // kv-unknown that carries only that objectId is then Backup's, and it grants what is needed.
        var vm = Disks.Vm("vm-ade-unattributed");
        var learnedFrom = System.Text.Json.JsonDocument.Parse("""
            { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/sec/providers/Microsoft.KeyVault/vaults/kv-other", "name": "kv-other", "type": "Microsoft.KeyVault/vaults",
              "properties": { "accessPolicies": [ { "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "objectId": "8a7b6c5d-0000-4000-8000-000000000003",
                "applicationId": "262044b1-e2ce-469f-a196-69ab7ada62d3", "permissions": { "keys": [], "secrets": ["get"], "certificates": [] } } ] } }
            """).RootElement;
        var withLearning = new VmInventory
        {
            VmId = vm.VmId, Name = vm.Name, ResourceGroup = vm.ResourceGroup, SubscriptionId = vm.SubscriptionId, Location = vm.Location, Vm = vm.Vm,
            Disks = vm.Disks, KeyVaults = vm.KeyVaults.Append(learnedFrom).ToList(), Unavailable = vm.Unavailable,
        };

        var outcome = new BackupAccessCheck().Evaluate(withLearning);

        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Equal(CheckStatus.Warning, Disks.Evaluate(new BackupAccessCheck(), "vm-ade-unattributed").Status); // without it: cannot tell
    }

    [Fact]
    public void BackupAccess_fails_on_an_rbac_vault_where_no_role_assignment_applies()
    {
        // The fixture's kv-rbac uses Azure RBAC and no role assignment applies there (KeyVaultRbacTests has the rest).
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-rbac");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("RBAC", outcome.Message.English());
        Assert.Contains("none of the 0 role assignments", outcome.Message.English());
    }

    [Fact]
    public void BackupAccess_skips_an_unreadable_vault_and_an_unencrypted_vm()
    {
        Assert.Equal(CheckStatus.Skipped, Disks.Evaluate(new BackupAccessCheck(), "vm-ade-unreadable").Status);
        Assert.Equal(CheckStatus.Skipped, Disks.Evaluate(new BackupAccessCheck(), "vm-bigdisk").Status);
    }

    [Fact]
    public void BackupAccess_skips_when_key_vaults_could_not_be_read()
    {
        var scenario = Scenario.Load("disks-and-encryption.json", set => set.MarkUnavailable(InventoryParts.KeyVaults, "403"));
        Assert.Equal(CheckStatus.Skipped, scenario.Evaluate(new BackupAccessCheck(), "vm-ade-nopolicy").Status);
    }
}
