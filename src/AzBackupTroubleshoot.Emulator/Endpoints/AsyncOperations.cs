using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Long-running operations, advanced by polling: the first poll answers InProgress, the next one ends the operation
/// (Succeeded, running its effect; or Failed when a fault rule said so). Deterministic, so tests need no timing.
/// Both polling styles work on the same operation: Azure-AsyncOperation (status body) and Location (202, then 200/204).
/// Callers hold the scenario lock.
/// </summary>
internal sealed class AsyncOperations
{
    private sealed class Operation
    {
        public required string Id;
        public required DateTimeOffset Started;
        public required Action OnSucceeded;
        public Action? OnFailed;
        public FaultRule? Failure;
        public JsonObject? Properties;
        public int PollsBeforeDone = 1;
        public string Status = "InProgress";
        public DateTimeOffset? Ended;
    }

    /// <summary>The Retry-After of an operation still in progress (the scenario's operationRetryAfterSeconds).</summary>
    public string RetryAfter { get; set; } = "1";

    private static readonly string[] PollSegments = { "operations", "operationResults", "operationsStatus" };
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts an operation and returns its id. <paramref name="failure"/> (a fault rule) makes it end Failed.</summary>
    public string Start(Action onSucceeded, FaultRule? failure, Action? onFailed = null, JsonObject? properties = null)
    {
        var id = Guid.NewGuid().ToString();
        _operations[id] = new Operation { Id = id, Started = DateTimeOffset.UtcNow, OnSucceeded = onSucceeded, Failure = failure, OnFailed = onFailed, Properties = properties };
        return id;
    }

    /// <summary>A path like ".../operations/{id}", ".../operationResults/{id}" or ".../operationsStatus/{id}" naming a known operation.</summary>
    public bool IsPoll(ArmRequest request)
    {
        var s = request.Segments;
        return s.Length >= 2 && Array.Exists(PollSegments, p => p.Equals(s[^2], StringComparison.OrdinalIgnoreCase)) && _operations.ContainsKey(s[^1]);
    }

    public ArmReply Poll(ArmRequest request)
    {
        var operation = _operations[request.Segments[^1]];
        Advance(operation);
        // Location URLs (operationResults, or operations with monitor=true) answer by status code; the others with a status body.
        var locationStyle = request.Segments[^2].Equals("operationResults", StringComparison.OrdinalIgnoreCase)
            || string.Equals(request.Query("monitor"), "true", StringComparison.OrdinalIgnoreCase);
        if (locationStyle)
        {
            return operation.Status switch
            {
                "InProgress" => new ArmReply(202).WithHeader("Retry-After", RetryAfter).WithHeader("Location", request.UrlFor(request.Path, request.Query("monitor") == null ? null : "monitor=true")),
                "Succeeded" => new ArmReply(204),
                _ => ArmErrors.Error(500, FailureCode(operation), FailureMessage(operation)),
            };
        }

        var body = new JsonObject
        {
            ["id"] = request.Path,
            ["name"] = operation.Id,
            ["status"] = operation.Status,
            ["startTime"] = RelativeTime.Format(operation.Started),
        };
        if (operation.Ended is DateTimeOffset ended) body["endTime"] = RelativeTime.Format(ended);
        if (operation.Properties != null) body["properties"] = operation.Properties.DeepClone();
        if (operation.Status == "Failed")
            body["error"] = new JsonObject { ["code"] = FailureCode(operation), ["message"] = FailureMessage(operation) };
        return ArmReply.Json(body);
    }

    private static void Advance(Operation operation)
    {
        if (operation.Status != "InProgress") return;
        if (operation.Failure?.Effect == FaultEffect.NeverFinish) return;
        if (operation.PollsBeforeDone-- > 0) return;
        operation.Ended = DateTimeOffset.UtcNow;
        if (operation.Failure != null)
        {
            operation.Status = "Failed";
            operation.OnFailed?.Invoke();
        }
        else
        {
            operation.Status = "Succeeded";
            operation.OnSucceeded();
        }
    }

    private static string FailureCode(Operation operation) => operation.Failure?.ErrorCode ?? "InternalServerError";

    private static string FailureMessage(Operation operation)
        => FailureCode(operation) == "OperationTimedOut"
            ? "The operation did not finish in the allotted time. Retry it; large operations often succeed on a later attempt."
            : $"The operation failed with {FailureCode(operation)} (injected by the emulator).";
}
