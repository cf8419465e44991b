using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.Repairs.RepairStatus;
using Xunit.Abstractions;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>A write step of a repair, where the matrix injects its fault.</summary>
public enum Step { LockDelete, CollectionDelete, CollectionPoll, LockRecreate, BackupTrigger, ExtensionDelete, JobCancel }

/// <summary>What goes wrong at the step, every time it is tried during the repair.</summary>
public enum Fault { Status404, Status409, Status429, Status500, ConnectionReset, Timeout, NeverFinishing }

/// <summary>
/// The fault matrix of docs/reliability.md: every write step × every fault, through the real SDK over HTTPS against the
/// emulator. The fault lasts for the whole repair (the client's own retries see it too); then it is cleared, the state
/// the emulator holds is compared with what the repair reported, and a resume must leave every lock as it was.
/// Each case states the outcome expected of its step's record, so a change of behaviour fails the case.
/// </summary>
internal static class FaultMatrix
{
    public static readonly string Extension = $"{Vm}/extensions/VMSnapshot";
    public static readonly string Job = $"{Vault}/backupJobs/job-running";

    /// <summary>
    /// What the step's record must say under each fault, in the order of <see cref="Fault"/>: 404, 409, 429, 500, reset,
    /// timeout, never finishing. One row a step, so every step meets every fault exactly once; docs/reliability.md's
    /// table is made from these rows (tests/tools/fault-matrix-table.py).
    /// </summary>
    public static readonly (Step Step, RepairStatus[] Expected)[] Expected =
    {
        // A lift ARM did not carry out fails with the lock still in place and nothing deleted. Reset: carried out but
        // unanswered; a read shows the lock gone, so it counts as lifted and is put back. Never finishing: a lock delete
        // is not long-running.
        (Step.LockDelete, new[] { Failed, Failed, Failed, Failed, Done, Failed, Done }),
        // A lock that cannot be put back stays journaled; the resume puts it back. Reset: carried out, the read-back finds it.
        (Step.LockRecreate, new[] { Failed, Failed, Failed, Failed, Done, Failed, Done }),
        // A 404 is not "already gone": a GET shows the collection. Reset: accepted, still Deleting when read. Never
        // finishing: cut by the deadline, still there.
        (Step.CollectionDelete, new[] { Failed, Failed, Failed, Failed, Failed, Failed, Failed }),
        // Reset: the polls went through and ARM confirms the collection gone.
        (Step.CollectionPoll, new[] { Failed, Failed, Failed, Failed, Done, Failed, Failed }),
        // Reset: the vault shows the job it started. Never finishing: the deadline ends the wait; the job exists.
        (Step.BackupTrigger, new[] { Failed, Failed, Failed, Failed, Done, Failed, Done }),
        // The extension counts as removed only when ARM and the guest no longer show it.
        (Step.ExtensionDelete, new[] { Failed, Failed, Failed, Failed, Failed, Failed, Failed }),
        // Reset: carried out, the job reads Cancelling. Never finishing: the job reads Cancelling when the deadline ends the wait.
        (Step.JobCancel, new[] { Failed, Failed, Failed, Failed, Done, Failed, Done }),
    };

    /// <summary>The cases of these steps: each step × every fault, with the status its record must have.</summary>
    public static TheoryData<Step, Fault, RepairStatus> Cases(params Step[] steps)
    {
        var data = new TheoryData<Step, Fault, RepairStatus>();
        foreach (var (step, expected) in Expected.Where(row => steps.Contains(row.Step)))
            foreach (var fault in Enum.GetValues<Fault>())
                data.Add(step, fault, expected[(int)fault]);
        return data;
    }

    /// <summary>The client gives up on a request after this; the Timeout fault holds requests longer.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(1.5);

    public static FaultRule Rule(Step step, Fault fault)
    {
        var (method, path) = step switch
        {
            Step.LockDelete => ("DELETE", "/locks/keep$"),
            Step.CollectionDelete => ("DELETE", "/restorePointCollections/AzureBackup_vm1_1$"),
            // A never-finishing operation is a property of the DELETE that starts it; the other faults hit the polls.
            Step.CollectionPoll when fault == Fault.NeverFinishing => ("DELETE", "/restorePointCollections/AzureBackup_vm1_1$"),
            Step.CollectionPoll => ("GET", "/providers/Microsoft.Compute/locations/[^/]+/operations/"),
            Step.LockRecreate => ("PUT", "/locks/keep$"),
            Step.BackupTrigger => ("POST", "/backup$"),
            Step.ExtensionDelete => ("DELETE", "/extensions/VMSnapshot$"),
            Step.JobCancel => ("POST", "/cancel$"),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var rule = new FaultRule { Method = method, PathPattern = path, Times = 10_000 };
        switch (fault)
        {
            case Fault.Status404: rule.Status = 404; rule.ErrorCode = "NotFound"; break;
            case Fault.Status409: rule.Status = 409; rule.ErrorCode = "Conflict"; break;
            case Fault.Status429: rule.Status = 429; rule.RetryAfterSeconds = 0; break; // throttled every time, without waiting
            case Fault.Status500: rule.Status = 500; break;
            case Fault.ConnectionReset: rule.Effect = FaultEffect.Reset; break;
            case Fault.Timeout: rule.Effect = FaultEffect.Hold; rule.Delay = TimeSpan.FromSeconds(6); break;
            case Fault.NeverFinishing: rule.Effect = FaultEffect.NeverFinish; break;
        }
        return rule;
    }

    /// <summary>A restore-point scenario: the VM's collection under an RG lock, the customer's decoy beside it.</summary>
    public static Scenario RestorePointScenario(Fault fault)
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "AzureBackup_vm1_1", 2)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "customer-rpc", 1)
            .Lock(BackupRgId, "keep", "CanNotDelete", "finance: keep")
            .Build();
        // Quick polls, except where the operation never ends (then ARM's usual 1 s keeps the poll count sane).
        scenario.Settings.OperationRetryAfterSeconds = fault == Fault.NeverFinishing ? 1 : 0;
        return scenario;
    }

    /// <summary>vm1 with a failed VMSnapshot extension, as ARM has it (child resource, VM resources, instance view).</summary>
    public static Scenario ExtensionScenario(Fault fault)
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .Resource($$"""
            { "id": "{{Extension}}", "name": "VMSnapshot", "type": "Microsoft.Compute/virtualMachines/extensions", "location": "westeurope",
              "properties": { "publisher": "Microsoft.Azure.RecoveryServices", "type": "VMSnapshot", "typeHandlerVersion": "1.0", "provisioningState": "Failed" } }
            """).Build();
        var vm = scenario.Get(Vm)!.AsObject();
        vm["resources"] = new JsonArray(JsonNode.Parse($$"""{ "id": "{{Extension}}", "name": "VMSnapshot", "properties": { "provisioningState": "Failed" } }"""));
        vm["properties"]!["instanceView"]!["extensions"]![0]!["statuses"] = new JsonArray(JsonNode.Parse("""{ "code": "ProvisioningState/failed/-2147467259", "level": "Error", "displayStatus": "Provisioning failed" }"""));
        scenario.Add(vm);
        scenario.Settings.OperationRetryAfterSeconds = fault == Fault.NeverFinishing ? 1 : 0;
        return scenario;
    }

    public static Scenario JobScenario(Fault fault)
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .Job(Vault, Vm, "job-running", "InProgress", actions: "Cancellable").Build();
        scenario.Settings.OperationRetryAfterSeconds = fault == Fault.NeverFinishing ? 1 : 0;
        return scenario;
    }

    public static TimeSpan Deadline(Fault fault) => fault == Fault.NeverFinishing ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(15);

    /// <summary>Backup jobs of vm1 the emulator holds.</summary>
    public static List<JsonNode> JobsOfVm(EmulatedAzure azure)
        => azure.Emulator.Scenario.Resources("Microsoft.RecoveryServices/vaults/backupJobs").Where(j => (string?)j["properties"]?["entityFriendlyName"] == "vm1").ToList();

    /// <summary>One line of the matrix for docs/reliability.md, printed by each case.</summary>
    public static void Report(ITestOutputHelper output, Step step, Fault fault, RepairRecord stepRecord, bool journalLeft, bool resumeRestored, TimeSpan took)
    {
        var line = $"| {step} | {fault} | {stepRecord.Status} ({stepRecord.ErrorCode ?? "-"}) | {(journalLeft ? "yes" : "no")} | {(resumeRestored ? "resume" : "the repair")} | {took.TotalSeconds:F1} s |";
        output.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("AZBT_MATRIX_OUT");
        if (!string.IsNullOrEmpty(file)) lock (typeof(FaultMatrix)) File.AppendAllText(file, line + "\n");
    }
}
