using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Recovery Services Backup: protected items and jobs of a vault (with the $filter clauses the service takes),
/// on-demand backup, and job cancellation. Jobs started here move on as they are read: each GET that returns
/// or lists a job after the first one moves it a step (InProgress → Completed; Cancelling → Cancelled).
/// Callers hold the scenario lock.
/// </summary>
internal sealed class BackupEndpoints
{
    public const string ProtectedItemType = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems";
    public const string JobType = "Microsoft.RecoveryServices/vaults/backupJobs";
    public const string VaultType = "Microsoft.RecoveryServices/vaults";

    /// <summary>Not verified against the service (its cancel errors are not in the REST spec); see docs/emulator.md.</summary>
    public const string NotCancellableCode = "BMSUserErrorJobNotInCancellableState";

    // The filter time format of the REST example ListJobsWithAllSupportedFilters.json, e.g. '2016-01-01 00:00:00 AM'.
    private static readonly string[] FilterTimeFormats = { "yyyy-MM-dd hh:mm:ss tt", "yyyy-MM-dd HH:mm:ss" };

    private sealed class Progress
    {
        public bool Seen;
        public readonly Queue<Action<JsonObject>> Steps = new();
    }

    private readonly Scenario _scenario;
    private readonly AsyncOperations _operations;
    private readonly Dictionary<string, Progress> _progress = new();

    public BackupEndpoints(Scenario scenario, AsyncOperations operations)
    {
        _scenario = scenario;
        _operations = operations;
    }

    /// <summary>The vault for a path "{vaultId}/{collection}", when it names a stored vault.</summary>
    public JsonObject? VaultFor(ArmRequest request, string collection)
    {
        if (!request.Segments[^1].Equals(collection, StringComparison.OrdinalIgnoreCase)) return null;
        var vault = _scenario.Find(ResourceId.Parent(request.Path, 1));
        return string.Equals((string?)vault?["type"], VaultType, StringComparison.OrdinalIgnoreCase) ? vault : null;
    }

    public ArmReply ListProtectedItems(ArmRequest request, string vaultId)
    {
        var filter = new ODataFilter(request.Query("$filter"));
        var items = _scenario.OfType(ProtectedItemType).Where(i => ResourceId.IsWithin((string)i["id"]!, vaultId)).Where(i =>
        {
            var p = i["properties"];
            return filter.Allows("backupManagementType", (string?)p?["backupManagementType"])
                && filter.Allows("itemType", (string?)p?["workloadType"])
                && filter.Allows("policyName", (string?)p?["policyName"]);
        }).ToList();
        return Paging.Page(request, items);
    }

    public ArmReply ListJobs(ArmRequest request, string vaultId)
    {
        var filter = new ODataFilter(request.Query("$filter"));
        var from = FilterTime(filter.Value("startTime"));
        var to = FilterTime(filter.Value("endTime"));
        var jobs = _scenario.OfType(JobType).Where(j => ResourceId.IsWithin((string)j["id"]!, vaultId)).ToList();
        foreach (var job in jobs) Touch(job);
        var matching = jobs.Where(j =>
        {
            var p = j["properties"];
            var started = ParseTime((string?)p?["startTime"]);
            return filter.Allows("status", (string?)p?["status"])
                && filter.Allows("operation", (string?)p?["operation"])
                && filter.Allows("backupManagementType", (string?)p?["backupManagementType"])
                && filter.Allows("jobId", (string?)j["name"])
                && (from == null || started >= from)
                && (to == null || started <= to);
        }).OrderByDescending(j => ParseTime((string?)j["properties"]?["startTime"])).ToList();
        return Paging.Page(request, matching);
    }

    public ArmReply GetJob(JsonObject job)
    {
        Touch(job);
        return ArmReply.Json(ResourceJson.Write(job));
    }

    /// <summary>POST {protectedItemId}/backup: starts an InProgress backup job; the operation reports the job id.</summary>
    public ArmReply TriggerBackup(ArmRequest request, JsonObject item)
    {
        var itemId = (string)item["id"]!;
        var vaultId = VaultOf(itemId);
        var jobName = Guid.NewGuid().ToString();
        var friendlyName = (string?)item["properties"]?["friendlyName"] ?? ResourceId.NameOf(itemId);
        var job = NewBackupJob($"{vaultId}/backupJobs/{jobName}", friendlyName, (string?)item["properties"]?["containerName"]);
        _scenario.Add(job);

        var progress = Track(job);
        var failure = request.OperationFault;
        progress.Steps.Enqueue(j => Finish(j, item, failure?.Effect == FaultEffect.NeverFinish ? null : failure));
        var operationId = _operations.Start(() => { }, failure, onFailed: null,
            properties: new JsonObject { ["objectType"] = "OperationStatusJobExtendedInfo", ["jobId"] = jobName });
        return new ArmReply(202)
            .WithHeader("Location", request.UrlFor($"{itemId}/operationResults/{operationId}"))
            .WithHeader("Azure-AsyncOperation", request.UrlFor($"{itemId}/operationsStatus/{operationId}"))
            .WithHeader("Retry-After", _scenario.Settings.RetryAfterHeader);
    }

    /// <summary>POST {vaultId}/backupJobs/{name}/cancel: only an InProgress job can be cancelled.</summary>
    public ArmReply CancelJob(ArmRequest request, JsonObject job)
    {
        var properties = (JsonObject)job["properties"]!;
        if (!string.Equals((string?)properties["status"], "InProgress", StringComparison.OrdinalIgnoreCase))
            return ArmErrors.InvalidRequest(NotCancellableCode, $"The job cannot be cancelled because its status is '{(string?)properties["status"]}'; only jobs in progress can be cancelled.");

        properties["status"] = "Cancelling";
        var progress = Track(job);
        progress.Seen = false;
        progress.Steps.Clear();
        progress.Steps.Enqueue(j =>
        {
            var p = (JsonObject)j["properties"]!;
            p["status"] = "Cancelled";
            p["endTime"] = RelativeTime.Format(DateTimeOffset.UtcNow);
            p["actionsInfo"] = new JsonArray();
        });
        var operationId = _operations.Start(() => { }, request.OperationFault);
        return new ArmReply(202)
            .WithHeader("Location", request.UrlFor($"{job["id"]}/operationResults/{operationId}"))
            .WithHeader("Retry-After", _scenario.Settings.RetryAfterHeader);
    }

    private Progress Track(JsonObject job)
    {
        var key = ResourceId.Key((string)job["id"]!);
        if (!_progress.TryGetValue(key, out var progress)) _progress[key] = progress = new Progress();
        return progress;
    }

    /// <summary>One read of a job: the first shows it as it is, each later one applies the next pending step.</summary>
    private void Touch(JsonObject job)
    {
        if (!_progress.TryGetValue(ResourceId.Key((string)job["id"]!), out var progress)) return;
        if (!progress.Seen) progress.Seen = true;
        else if (progress.Steps.Count > 0) progress.Steps.Dequeue()(job);
    }

    private static void Finish(JsonObject job, JsonObject item, FaultRule? failure)
    {
        var now = DateTimeOffset.UtcNow;
        var p = (JsonObject)job["properties"]!;
        var status = failure == null ? "Completed" : "Failed";
        p["status"] = status;
        p["endTime"] = RelativeTime.Format(now);
        p["duration"] = System.Xml.XmlConvert.ToString(now - (ParseTime((string?)p["startTime"]) ?? now));
        p["actionsInfo"] = new JsonArray();
        foreach (var task in p["extendedInfo"]?["tasksList"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
            task["status"] = status;
        if (failure != null)
            p["errorDetails"] = new JsonArray(new JsonObject
            {
                ["errorCode"] = 0,
                ["errorTitle"] = failure.ErrorCode,
                ["errorString"] = $"The backup failed with {failure.ErrorCode} (injected by the emulator).",
                ["recommendations"] = new JsonArray(),
            });
        if (item["properties"] is JsonObject itemProperties)
        {
            itemProperties["lastBackupStatus"] = status;
            itemProperties["lastBackupTime"] = RelativeTime.Format(now);
        }
    }

    /// <summary>An AzureIaaSVMJob as the REST example GetJobDetails.json shows a running backup.</summary>
    private static JsonObject NewBackupJob(string id, string friendlyName, string? containerName) => new()
    {
        ["id"] = id,
        ["name"] = ResourceId.NameOf(id),
        ["type"] = JobType,
        ["properties"] = new JsonObject
        {
            ["jobType"] = "AzureIaaSVMJob",
            ["activityId"] = Guid.NewGuid().ToString(),
            ["backupManagementType"] = "AzureIaasVM",
            ["operation"] = "Backup",
            ["status"] = "InProgress",
            ["entityFriendlyName"] = friendlyName,
            ["containerName"] = containerName,
            ["startTime"] = RelativeTime.Format(DateTimeOffset.UtcNow),
            ["duration"] = "PT0S",
            ["isUserTriggered"] = true,
            ["virtualMachineVersion"] = "Compute",
            ["actionsInfo"] = new JsonArray("Cancellable"),
            ["extendedInfo"] = new JsonObject
            {
                ["propertyBag"] = new JsonObject { ["VM Name"] = friendlyName },
                ["tasksList"] = new JsonArray(
                    new JsonObject { ["taskId"] = "Take Snapshot", ["status"] = "InProgress", ["duration"] = "PT0S" },
                    new JsonObject { ["taskId"] = "Transfer data to vault", ["status"] = "NotStarted", ["duration"] = "PT0S" }),
            },
        },
    };

    private static string VaultOf(string childId)
    {
        var marker = childId.IndexOf("/backupFabrics/", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? ResourceId.Parent(childId) : childId[..marker];
    }

    private static DateTimeOffset? FilterTime(string? text)
        => text != null && DateTime.TryParseExact(text, FilterTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static DateTimeOffset? ParseTime(string? text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
