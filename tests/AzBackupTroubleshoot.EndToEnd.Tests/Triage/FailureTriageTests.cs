using System.Globalization;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Triage;

/// <summary>One triage of scenarios/failures.json in English, shared by the tests that only read it.</summary>
public sealed class EnglishTriage : IAsyncLifetime
{
    public List<BackupFailureDiagnosis> Diagnoses { get; private set; } = new();
    public List<ScopeErrorEvent> Errors { get; private set; } = new();
    public int JobDetailReads { get; private set; }

    public async Task InitializeAsync()
    {
        await using var azure = await FailuresScenario.StartAsync();
        (Diagnoses, Errors) = await FailuresScenario.DiagnoseAsync(azure, "en-US");
        JobDetailReads = azure.Emulator.Requests.Entries.Count(e => e.Method == "GET" && e.Path.Contains("/backupJobs/"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public BackupFailureDiagnosis For(string vmName) => Diagnoses.Single(d => d.VmName == vmName);
}

/// <summary>
/// The failure triage end to end: scenarios/failures.json on the emulator over HTTPS, one VM per known backup error,
/// each VM in the state that causes its error. Every job must land on its knowledge base entry with the right evidence.
/// </summary>
public sealed class FailureTriageTests : IClassFixture<EnglishTriage>
{
    private readonly EnglishTriage _en;

    public FailureTriageTests(EnglishTriage en) => _en = en;

    /// <summary>VM, the entry its job must match, how, the check that must explain it (null: none relates), the repair.</summary>
    public static TheoryData<string, string, MatchSource, string?, string?> Expected => new()
    {
        { "vm-agent-down", "UserErrorGuestAgentStatusUnavailable", MatchSource.Message, "Agent.Ready", null },          // Italian errorString, no title
        { "vm-rp-full", "UserErrorRpCollectionLimitReached", MatchSource.Code, "RestorePoints.CollectionLimit", "Repair-AzRestorePointCollection" },
        { "vm-crp-failed", "UserErrorCrpReportedUserError", MatchSource.Code, "Vm.ProvisioningState", "Repair-AzVmBackupExtension" },
        { "vm-deleted-app", "320001", MatchSource.ErrorCode, "Vault.ProtectedVmExists", null },
        { "vm-deleted-db", "400094", MatchSource.ErrorCode, "Vault.ProtectedVmExists", null },
        { "vm-shutting-down", "380008", MatchSource.ErrorCode, "Vm.PowerState", null },
        { "vm-ext-stuck", "ExtensionStuckInDeletionState", MatchSource.Message, "Extension.BackupExtension", "Repair-AzVmBackupExtension" }, // Portuguese
        { "vm-disk-huge", "UserErrorUnsupportedDiskSize", MatchSource.Code, "Disks.SupportedSize", null },
        { "vm-no-outbound", "ExtensionSnapshotFailedNoNetwork", MatchSource.Code, "Network.OutboundHttps", null },
        { "vm-kv-no-access", "UserErrorKeyvaultPermissionsNotConfigured", MatchSource.Code, "KeyVault.BackupAccess", null },
        { "vm-job-overlap", "UserErrorBackupOperationInProgress", MatchSource.Code, "Jobs.BackupInProgress", "Stop-AzVmBackupJob" },
        { "vm-fsfreeze", "UserErrorFsFreezeFailed", MatchSource.Code, null, null },
        { "vm-vss-warning", "ExtensionFailedVssWriterInBadState", MatchSource.Code, null, null },
        { "vm-long-backup", FailureDiagnoser.LongRunningCode, MatchSource.JobDuration, "Jobs.BackupInProgress", "Stop-AzVmBackupJob" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_job_is_diagnosed_to_its_entry_with_the_failing_check_as_evidence(string vm, string code, MatchSource by, string? causeCheck, string? repair)
    {
        var d = _en.For(vm);
        Assert.Equal(code, d.Match?.Code);
        Assert.Equal(by, d.Match!.MatchedBy);
        Assert.True(d.Match.Score >= MessageMatch.ConfidenceThreshold);
        Assert.Equal(causeCheck, d.CauseCheckId);
        Assert.Equal(repair, d.RepairCommand);
        Assert.Equal(FailuresScenario.VaultId, d.VaultId, ignoreCase: true);
        Assert.EndsWith("/backupJobs/" + d.JobName, d.JobId);
        Assert.NotNull(d.StartTime);
        Assert.False(string.IsNullOrWhiteSpace(d.ErrorMessage));
        Assert.NotEmpty(d.Remediation);

        if (causeCheck == null)
        {
            Assert.DoesNotContain(d.RelatedChecks, r => r.Status is CheckStatus.Fail or CheckStatus.Warning);
            Assert.Equal(KnowledgeBase.Default.FindByCode(code)!.Cause.En, d.MostLikelyCause);
            return;
        }
        var evidence = d.RelatedChecks.Single(r => r.CheckId == causeCheck);
        Assert.Contains(evidence.Status, new[] { CheckStatus.Fail, CheckStatus.Warning });
        Assert.NotEmpty(evidence.Evidence);
        Assert.Contains(evidence.Message, d.MostLikelyCause);
        Assert.StartsWith("The readiness check " + causeCheck, d.MostLikelyCause);
    }

    [Fact]
    public void Every_failed_warning_or_overrunning_job_is_reported_and_nothing_else()
    {
        var expected = Expected.Select(row => (string)row[0]).OrderBy(v => v);
        Assert.Equal(expected, _en.Diagnoses.Select(d => d.VmName).OrderBy(v => v));
        Assert.Empty(_en.Errors);
        // The healthy VM's completed job, and the 2-hour backup of vm-job-overlap, are not failures.
        Assert.DoesNotContain(_en.Diagnoses, d => d.VmName == "vm-healthy");
        Assert.Equal(FailureKind.Failed, _en.For("vm-job-overlap").Kind);
        Assert.Equal(FailureKind.CompletedWithWarnings, _en.For("vm-vss-warning").Kind);
        Assert.Equal(FailureKind.LongRunning, _en.For("vm-long-backup").Kind);
    }

    [Fact]
    public void The_restore_point_limit_shows_the_count_and_the_lock_that_blocks_cleanup()
    {
        var d = _en.For("vm-rp-full");
        Assert.Contains("18 restore points", d.MostLikelyCause);
        var lockCheck = d.RelatedChecks.Single(r => r.CheckId == "Lock.RestorePointResourceGroup");
        Assert.Equal(CheckStatus.Fail, lockCheck.Status);
        Assert.Contains(lockCheck.Evidence, e => e.ResourceId.Contains("AzureBackupRG_northeurope_2") && e.ResourceId.Contains("keep-restore-points"));
    }

    [Fact]
    public void A_compute_reported_error_surfaces_computes_own_message_and_what_it_means()
    {
        var d = _en.For("vm-crp-failed");
        Assert.Equal("UserErrorCrpReportedUserError", d.Match!.Code);
        Assert.StartsWith("VM is in Failed Provisioning State.", d.UnderlyingDetail);
        Assert.DoesNotContain("For details, see Job Error Message Details", d.UnderlyingDetail);
        Assert.Equal("UserErrorVmProvisioningStateFailed", d.DetailMatch?.Code);
        // The cause and the fix are those of what Compute reported, not of the wrapper that says "see the details".
        Assert.Equal(KnowledgeBase.Default.FindByCode("UserErrorVmProvisioningStateFailed")!.Cause.En, d.Cause);
        Assert.Contains("CustomScriptExtension", d.MostLikelyCause);
        // The wrapper's own check (the vault's item health) is evidence too.
        Assert.Equal(CheckStatus.Fail, d.RelatedChecks.Single(r => r.CheckId == "Vault.ProtectedItemHealth").Status);
    }

    [Fact]
    public void The_job_error_is_kept_as_the_service_wrote_it()
    {
        var gone = _en.For("vm-deleted-app");
        var error = Assert.Single(gone.Errors);
        Assert.Equal(320001, error.ErrorCode);
        Assert.Equal("ResourceNotFound", error.ErrorTitle);
        Assert.Equal("Could not perform the operation as VM no longer exists.", error.ErrorString);
        Assert.NotEmpty(error.Recommendations);
        Assert.Equal("Could not perform the operation as VM no longer exists.", gone.DynamicErrorMessage);
        Assert.Equal("L'agente di macchine virtuali di Azure non può comunicare con il servizio Backup di Azure.", _en.For("vm-agent-down").ErrorMessage);
    }

    [Fact]
    public void Listed_jobs_that_carry_their_details_are_not_read_again()
        => Assert.Equal(0, _en.JobDetailReads);

    [Fact]
    public void An_overrunning_backup_says_for_how_long()
    {
        var d = _en.For("vm-long-backup");
        Assert.Equal("InProgress", d.JobStatus);
        Assert.Matches(@"running for 2[56] h, longer than the 12 h", d.ErrorMessage);
        Assert.StartsWith("P1DT", d.Duration);
    }

    [Theory]
    [InlineData("it-IT", "it", "Il controllo di preparazione Agent.Ready trova la causa su questa VM", "Il processo di Backup è in esecuzione da")]
    [InlineData("pt-BR", "pt", "A verificação de prontidão Agent.Ready encontra a causa nesta VM", "O trabalho de Backup está em execução há")]
    [InlineData("en-US", "en", "The readiness check Agent.Ready finds the cause on this VM", "The Backup job has been running for")]
    public async Task Diagnoses_are_written_in_the_asked_language(string culture, string language, string causeStart, string slowStart)
    {
        await using var azure = await FailuresScenario.StartAsync();
        var (diagnoses, _) = await FailuresScenario.DiagnoseAsync(azure, culture);
        var lang = KnowledgeLanguages.FromCulture(new CultureInfo(culture));

        // Matching does not depend on the language asked for: the same 14 entries in every language.
        Assert.Equal(Expected.Count(), diagnoses.Count(d => d.Match != null));
        Assert.All(diagnoses, d => Assert.Equal(language, d.Language));

        var agent = diagnoses.Single(d => d.VmName == "vm-agent-down");
        var entry = KnowledgeBase.Default.FindByCode("UserErrorGuestAgentStatusUnavailable")!.Localize(lang);
        Assert.Equal(entry.Title, agent.Match!.Title);
        Assert.Equal(entry.Cause, agent.Cause);
        Assert.Equal(entry.Remediation, agent.Remediation);
        Assert.StartsWith(causeStart, agent.MostLikelyCause);
        // The related checks quoted as evidence speak the same language.
        Assert.All(agent.RelatedChecks, c => Assert.Equal(language, c.Language));

        // With no related check, the cause is the knowledge base's, in the language asked for.
        var freeze = diagnoses.Single(d => d.VmName == "vm-fsfreeze");
        Assert.Equal(KnowledgeBase.Default.FindByCode("UserErrorFsFreezeFailed")!.Cause.For(lang), freeze.MostLikelyCause);

        var slow = diagnoses.Single(d => d.VmName == "vm-long-backup");
        Assert.StartsWith(slowStart, slow.ErrorMessage);
    }

    [Fact]
    public async Task A_vault_scope_reports_only_that_vaults_jobs()
    {
        await using var azure = await FailuresScenario.StartAsync();
        var (inVault, _) = await FailuresScenario.DiagnoseAsync(azure, "en-US", vaultId: FailuresScenario.VaultId);
        Assert.Equal(Expected.Count(), inVault.Count);

        // A vault that does not exist is "not found", never "no failed job".
        var otherVault = FailuresScenario.VaultId.Replace("rsv-triage-ne", "rsv-other");
        var missing = await Assert.ThrowsAsync<AzBackupTroubleshoot.Errors.AzbtException>(() => FailuresScenario.DiagnoseAsync(azure, "en-US", vaultId: otherVault));
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.NotFound, missing.Kind);
        Assert.Equal(otherVault, missing.Target);

        Assert.Throws<AzBackupTroubleshoot.Errors.AzbtException>(() => new BackupFailureTriage(azure.Connect()).DiagnoseVaultAsync(FailuresScenario.VmId("vm-rp-full")));
    }

    [Fact]
    public async Task A_vm_scope_reports_only_that_vms_jobs()
    {
        await using var azure = await FailuresScenario.StartAsync();
        var (diagnoses, errors) = await FailuresScenario.DiagnoseAsync(azure, "en-US", new ScanScope().AddVm(FailuresScenario.VmId("vm-rp-full")));
        Assert.Empty(errors);
        Assert.Equal("vm-rp-full", Assert.Single(diagnoses).VmName);
    }

    [Fact]
    public async Task A_failed_job_listed_without_its_details_is_read_once_and_nothing_else_is()
    {
        var vault = VaultId(Sub1, "rg-backup", "rsv");
        var bare = VmId(Sub1, "rg", "vm-bare");
        var partial = VmId(Sub1, "rg", "vm-partial");
        var fine = VmId(Sub1, "rg", "vm-fine");
        var scenario = new ScenarioBuilder().Subscription(Sub1)
            .Vm(Sub1, "rg", "vm-bare").Protect(bare, vault).FailedJob(vault, bare, "job-bare", 0, "", errorString: null, withExtendedInfo: false)
            .Vm(Sub1, "rg", "vm-partial").Protect(partial, vault)
            .FailedJob(vault, partial, "job-partial", 0, "UserErrorFsFreezeFailed", "Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot.", withExtendedInfo: false)
            .Vm(Sub1, "rg", "vm-fine").Protect(fine, vault).Job(vault, fine, "job-fine", "Completed").Job(vault, fine, "job-running", "InProgress")
            .Build();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        var (diagnoses, errors) = await FailuresScenario.DiagnoseAsync(azure, "en-US", new ScanScope().AddSubscription(Sub1));

        Assert.Empty(errors);
        var reads = azure.Emulator.Requests.Entries.Where(e => e.Method == "GET" && e.Path.Contains("/backupJobs/")).Select(e => e.Path.Split('/')[^1]).OrderBy(p => p);
        Assert.Equal(new[] { "job-bare", "job-partial" }, reads);

        var unknown = diagnoses.Single(d => d.VmName == "vm-bare");
        Assert.Null(unknown.Match);
        Assert.Empty(unknown.RelatedChecks);
        Assert.Equal(Phrases.Default.Text("noKnownCause", KnowledgeLanguage.En), unknown.MostLikelyCause);
        Assert.Equal("UserErrorFsFreezeFailed", diagnoses.Single(d => d.VmName == "vm-partial").Match?.Code);
        Assert.DoesNotContain(diagnoses, d => d.VmName == "vm-fine");
    }

    [Fact]
    public async Task A_job_whose_details_cannot_be_read_is_still_diagnosed_from_the_list()
    {
        var vault = VaultId(Sub1, "rg-backup", "rsv");
        var vm = VmId(Sub1, "rg", "vm-partial");
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "vm-partial").Protect(vm, vault)
            .FailedJob(vault, vm, "job-partial", 0, "UserErrorFsFreezeFailed", "Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot.", withExtendedInfo: false)
            .Build();
        await using var azure = await EmulatedAzure.StartAsync(scenario);
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/backupJobs/job-partial$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 10 });

        var (diagnoses, errors) = await FailuresScenario.DiagnoseAsync(azure, "en-US", new ScanScope().AddVm(vm));

        var error = Assert.Single(errors);
        Assert.Equal("AuthorizationFailed", error.ErrorId);
        Assert.EndsWith("/backupJobs/job-partial", error.Scope);
        Assert.Equal("UserErrorFsFreezeFailed", Assert.Single(diagnoses).Match?.Code);
    }
}
