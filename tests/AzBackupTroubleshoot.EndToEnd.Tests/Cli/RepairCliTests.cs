using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>azbt repair / backup / job against a running emulator (--endpoint), so the test can count its writes.</summary>
public sealed class RepairCliTests
{
    private static readonly string Vm = VmId(Sub1, "rg-app", "vm1");
    private static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");
    private static readonly string BackupRgId = $"/subscriptions/{Sub1}/resourceGroups/AzureBackupRG_westeurope_1";

    private static ScenarioBuilder Scenario() => new ScenarioBuilder().Subscription(Sub1)
        .Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
        .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "AzureBackup_vm1_1", 18)
        .Lock(BackupRgId, "keep", "CanNotDelete", "finance");

    // Each run keeps its lock journal in a folder of its own (job cancel lifts no lock, so it has none).
    private static Task<(int Exit, string Out, string Err)> Run(EmulatedAzure azure, params string[] args)
        => CliRun.Run(args.Concat(new[] { "--endpoint", azure.Emulator.Endpoint.ToString(), "--pin-sha256", azure.Emulator.CertificateSha256, "--access-token", "t" })
            .Concat(args[0] == "job" ? Array.Empty<string>() : new[] { "--journal-dir", AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness.NewJournalDirectory() }).ToArray());

    [Fact]
    public async Task Dry_run_prints_the_plan_and_writes_nothing()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (exit, stdout, _) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--dry-run", "--output", "json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
        using var doc = JsonDocument.Parse(stdout);
        var record = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("WhatIf", record.GetProperty("status").GetString());
        Assert.Contains("lifting lock 'keep'", record.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Without_yes_or_dry_run_nothing_happens()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (exit, _, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.Equal(0, azure.Emulator.Requests.Total);
    }

    [Fact]
    public async Task A_lock_without_remove_lock_is_a_one_line_refusal()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (exit, _, stderr) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--yes");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: RestorePointCleanupBlockedByLock:", stderr);
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }

    [Fact]
    public async Task With_yes_and_remove_lock_the_collection_goes_and_the_lock_comes_back()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (exit, stdout, _) = await Run(azure, "repair", "restore-points", "--vm", Vm, "--remove-lock", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("RestoreLock", stdout);
        Assert.Null(azure.Emulator.Scenario.Get($"{BackupRgId}/providers/Microsoft.Compute/restorePointCollections/AzureBackup_vm1_1"));
        Assert.NotNull(azure.Emulator.Scenario.Get($"{BackupRgId}/providers/Microsoft.Authorization/locks/keep"));

        // The readiness check agrees afterwards.
        var outcome = await azure.ScanAsync(new AzBackupTroubleshoot.Collect.ScanScope().AddVm(Vm), new[] { "RestorePoints.CollectionLimit" });
        Assert.Equal(AzBackupTroubleshoot.Checks.CheckStatus.Pass, Assert.Single(outcome.Results).Status);
    }

    [Fact]
    public async Task Job_cancel_of_a_finished_job_explains_why_not()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Job(Vault, Vm, "done-job", "Completed").Build());
        var (exit, _, stderr) = await Run(azure, "job", "cancel", "--job", $"{Vault}/backupJobs/done-job", "--yes");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.StartsWith("error: JobNotInProgress:", stderr);
    }

    [Fact]
    public async Task Backup_start_reports_the_job()
    {
        await using var azure = await EmulatedAzure.StartAsync(Scenario().Build());
        var (exit, stdout, _) = await Run(azure, "backup", "start", "--vm", Vm, "--yes", "--output", "json");
        Assert.Equal(ExitCodes.Success, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(string.IsNullOrEmpty(doc.RootElement[0].GetProperty("jobId").GetString()));
    }
}
