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
    public void BackupAccess_warns_on_an_rbac_vault()
    {
        var outcome = Disks.Evaluate(new BackupAccessCheck(), "vm-ade-rbac");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("RBAC", outcome.Message.English());
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
