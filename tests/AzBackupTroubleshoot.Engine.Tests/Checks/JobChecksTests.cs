using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Jobs;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class JobChecksTests
{
    private static readonly Scenario Vault = Scenario.Load("vault.json");

    [Fact]
    public void BackupInProgress_warns_on_a_running_backup()
    {
        var outcome = Vault.Evaluate(new BackupInProgressCheck(), "vm-busy");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("11111111-0000-0000-0000-000000000002", outcome.Message.English());
        Assert.Contains("2 h", outcome.Message.English());
        Assert.DoesNotContain("NoCode.BackupOrRestoreTakesLong", outcome.Codes!);
        // The job of a same-named VM in another resource group is not this VM's.
        Assert.DoesNotContain("11111111-0000-0000-0000-000000000005", outcome.Message.English());
    }

    [Fact]
    public void BackupInProgress_flags_a_backup_running_over_12_hours_in_an_old_vault()
    {
        var outcome = Vault.Evaluate(new BackupInProgressCheck(), "vm-slow");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("oldvault", outcome.Message.English());
        Assert.Contains("NoCode.BackupOrRestoreTakesLong", outcome.Codes!);
        Assert.Contains("UserErrorBackupOperationInProgress", outcome.Codes!);
    }

    [Fact]
    public void BackupInProgress_flags_a_finished_backup_that_took_over_12_hours()
    {
        var outcome = Vault.Evaluate(new BackupInProgressCheck(), "vm-slow-done");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Equal(new[] { "NoCode.BackupOrRestoreTakesLong" }, outcome.Codes);
    }

    [Fact]
    public void BackupInProgress_judges_at_the_contexts_time()
    {
        // Judged 3 hours after the slow job started, it is merely running, not overrunning.
        var early = new EvaluationContext { EvaluatedAt = new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero) };
        var outcome = new BackupInProgressCheck().Evaluate(Vault.Vm("vm-slow"), early);
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.DoesNotContain("NoCode.BackupOrRestoreTakesLong", outcome.Codes!);
    }

    [Fact]
    public void BackupInProgress_passes_when_jobs_are_done()
    {
        var check = new BackupInProgressCheck();
        Assert.Equal(CheckStatus.Pass, Vault.Evaluate(check, "vm-protected-ok").Status);
        Assert.Equal("Stop-AzVmBackupJob", check.RepairCommand);
    }
}
