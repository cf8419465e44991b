using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Engine.Tests.Triage;

/// <summary>The triage logic on jobs built in the REST spec's AzureIaaSVMJob shape: which jobs, which entry, which cause.</summary>
public class FailureDiagnoserTests
{
    private const string VmId = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Vault = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv";
    private static readonly DateTimeOffset Now = Scenario.Now;
    private static readonly FailureDiagnoser English = new(new CultureInfo("en-US"), context: TestEvaluation.Context);
    private static int _jobs;

    private static JsonElement Job(string status = "Failed", long errorCode = 0, string title = "", string? text = null, string? dynamic = null,
        string operation = "Backup", double hoursAgo = 20, string? duration = "PT40M")
    {
        var properties = new JsonObject
        {
            ["jobType"] = "AzureIaaSVMJob", ["entityFriendlyName"] = "vm1", ["containerName"] = "iaasvmcontainerv2;rg;vm1",
            ["backupManagementType"] = "AzureIaasVM", ["operation"] = operation, ["status"] = status,
            ["startTime"] = Now.AddHours(-hoursAgo).ToString("o"), ["duration"] = duration,
        };
        if (text != null)
            properties["errorDetails"] = new JsonArray(new JsonObject { ["errorCode"] = errorCode, ["errorTitle"] = title, ["errorString"] = text });
        if (dynamic != null) properties["extendedInfo"] = new JsonObject { ["dynamicErrorMessage"] = dynamic };
        var name = $"job-{Interlocked.Increment(ref _jobs)}";
        return JsonDocument.Parse(new JsonObject { ["id"] = $"{Vault}/backupJobs/{name}", ["name"] = name, ["properties"] = properties }.ToJsonString()).RootElement;
    }

    /// <summary>A VM that exists and runs (no agent section, no extensions), or a deleted one, with the given jobs.</summary>
    private static VmInventory Vm(bool exists, params JsonElement[] jobs) => new()
    {
        VmId = VmId, Name = "vm1", ResourceGroup = "rg", SubscriptionId = "11111111-1111-1111-1111-111111111111",
        Vm = exists ? JsonDocument.Parse("""{"id":"VMID","name":"vm1","type":"Microsoft.Compute/virtualMachines","location":"westeurope","properties":{"instanceView":{"statuses":[{"code":"PowerState/running"}]}}}""".Replace("VMID", VmId)).RootElement : null,
        Jobs = jobs,
    };

    private static BackupFailureDiagnosis Diagnose(JsonElement job, FailureDiagnoser? diagnoser = null)
        => (diagnoser ?? English).Diagnose(Vm(false, job), job);

    [Fact]
    public void A_known_numeric_code_wins_over_the_title()
    {
        var d = Diagnose(Job(errorCode: 320001, title: "UserErrorFsFreezeFailed", text: "whatever"));
        Assert.Equal("320001", d.Match!.Code);
        Assert.Equal(MatchSource.ErrorCode, d.Match.MatchedBy);
    }

    [Fact]
    public void An_unknown_numeric_code_falls_through_to_the_title_alias()
    {
        var d = Diagnose(Job(errorCode: 400041, title: "BCMV2VMNotFound", text: "The job failed."));
        Assert.Equal("400094", d.Match!.Code);
        Assert.Equal(MatchSource.Code, d.Match.MatchedBy);
        Assert.Equal("BCMV2VMNotFound", d.Match.MatchedText);
    }

    [Fact]
    public void A_code_written_in_the_message_is_found()
    {
        var d = Diagnose(Job(text: "Backup failed with UserErrorUnsupportedDiskSize on LUN 3."));
        Assert.Equal("UserErrorUnsupportedDiskSize", d.Match!.Code);
        Assert.Equal(MatchSource.Code, d.Match.MatchedBy);
    }

    [Fact]
    public void The_wording_alone_is_matched_with_its_score()
    {
        var d = Diagnose(Job(text: $"Job failed. Error details: Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot. (ActivityId: {Guid.NewGuid()})"));
        Assert.Equal("UserErrorFsFreezeFailed", d.Match!.Code);
        Assert.Equal(MatchSource.Message, d.Match.MatchedBy);
        Assert.InRange(d.Match.Score, MessageMatch.ConfidenceThreshold, 1.0);
    }

    [Fact]
    public void An_unrelated_error_gets_no_entry_and_says_so()
    {
        var d = Diagnose(Job(text: "The quarterly report was printed on the wrong paper size."));
        Assert.Null(d.Match);
        Assert.Null(d.Cause);
        Assert.Empty(d.Remediation);
        Assert.Empty(d.RelatedChecks);
        Assert.Null(d.RepairCommand);
        Assert.Equal(Phrases.Default.Text("noKnownCause", KnowledgeLanguage.En), d.MostLikelyCause);
    }

    [Fact]
    public void A_compute_error_is_explained_by_the_detail_after_the_wrapper_in_italian()
    {
        var italian = new FailureDiagnoser(new CultureInfo("it-IT"), context: TestEvaluation.Context);
        var d = Diagnose(Job(title: "UserErrorCrpReportedUserError",
            text: "Backup non riuscito a causa di un errore. Per informazioni dettagliate, vedere Dettagli messaggio di errore processo. Dettagli: La macchina virtuale non esiste."), italian);
        Assert.Equal("UserErrorCrpReportedUserError", d.Match!.Code);
        Assert.Equal("La macchina virtuale non esiste.", d.UnderlyingDetail);
        Assert.Equal("400094", d.DetailMatch?.Code);
        var detailEntry = KnowledgeBase.Default.FindByCode("400094")!;
        Assert.Equal(detailEntry.Cause.It, d.Cause);
        Assert.Equal(detailEntry.Title.It, d.DetailMatch!.Title);
        Assert.Equal("it", d.Language);
    }

    [Fact]
    public void A_compute_error_with_nothing_but_the_wrapper_has_no_detail()
    {
        const string wrapper = "Backup failed due to an error. For details, see Job Error Message Details.";
        var d = Diagnose(Job(title: "UserErrorCrpReportedUserError", text: wrapper, dynamic: wrapper));
        Assert.Null(d.UnderlyingDetail);
        Assert.Null(d.DetailMatch);
        Assert.Equal(KnowledgeBase.Default.FindByCode("UserErrorCrpReportedUserError")!.Cause.En, d.Cause);
    }

    [Fact]
    public void An_unknown_compute_detail_is_still_shown()
    {
        var d = Diagnose(Job(title: "UserErrorCrpReportedUserError", text: "Backup failed due to an error. For details, see Job Error Message Details.",
            dynamic: "Allocation of the restore point failed in cluster 17 because the fabric controller was busy."));
        Assert.Equal("Allocation of the restore point failed in cluster 17 because the fabric controller was busy.", d.UnderlyingDetail);
        Assert.Null(d.DetailMatch);
    }

    [Fact]
    public void Jobs_worth_a_diagnosis_are_failed_warned_or_past_their_limit_newest_first()
    {
        var failedOld = Job("Failed", text: "x", hoursAgo: 30);
        var failedNew = Job("Failed", text: "x", hoursAgo: 1);
        var warned = Job("CompletedWithWarnings", text: "x", hoursAgo: 5);
        var backup13h = Job("InProgress", hoursAgo: 13);
        var restore7h = Job("InProgress", operation: "Restore", hoursAgo: 7);
        var vm = Vm(true, failedOld, failedNew, warned, backup13h, restore7h,
            Job("Completed"), Job("Cancelled"), Job("InProgress", hoursAgo: 11), Job("InProgress", operation: "Restore", hoursAgo: 5),
            Job("InProgress", operation: "ConfigureBackup", hoursAgo: 20));

        var chosen = English.JobsToDiagnose(vm).Select(j => j.Id()).ToList();
        Assert.Equal(new[] { failedNew, warned, restore7h, backup13h, failedOld }.Select(j => j.Id()), chosen);
        Assert.Equal(FailureKind.LongRunning, English.Diagnose(vm, restore7h).Kind);
        Assert.Equal(FailureDiagnoser.LongRunningCode, English.Diagnose(vm, restore7h).Match!.Code);
        Assert.Throws<ArgumentException>(() => English.Diagnose(vm, Job("Completed")));
    }

    [Fact]
    public void A_check_warning_about_something_else_is_evidence_but_not_the_cause()
    {
        // The check warns only because an earlier backup took 13 hours, which is not why this job was refused.
        var slow = Job("Completed", hoursAgo: 40, duration: "PT13H");
        var refused = Job(title: "UserErrorBackupOperationInProgress", text: "Unable to initiate backup as another backup operation is currently in progress", hoursAgo: 2);
        var d = English.Diagnose(Vm(true, slow, refused), refused);

        var check = Assert.Single(d.RelatedChecks);
        Assert.Equal("Jobs.BackupInProgress", check.CheckId);
        Assert.Equal(CheckStatus.Warning, check.Status);
        Assert.Equal(new[] { FailureDiagnoser.LongRunningCode }, check.Codes);
        Assert.Null(d.CauseCheckId);
        var cause = KnowledgeBase.Default.FindByCode("UserErrorBackupOperationInProgress")!.Cause.En;
        Assert.Equal(Phrases.Default.Format("knownCause", KnowledgeLanguage.En, ("cause", cause)), d.MostLikelyCause);
        Assert.Equal("Stop-AzVmBackupJob", d.RepairCommand); // the entry's repairedBy
    }

    [Fact]
    public void A_running_backup_is_the_cause_of_a_refused_one()
    {
        var running = Job("InProgress", hoursAgo: 1);
        var refused = Job(title: "UserErrorBackupOperationInProgress", text: "Unable to initiate backup as another backup operation is currently in progress", hoursAgo: 0.5);
        var d = English.Diagnose(Vm(true, running, refused), refused);
        Assert.Equal("Jobs.BackupInProgress", d.CauseCheckId);
        Assert.Contains(running.Str("name")!, d.MostLikelyCause);
    }
}
