using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>The "settings" block of a scenario file: paging, latency, forbidden subscriptions and initial faults.</summary>
public sealed class ScenarioSettings
{
    /// <summary>Items per page in list answers (EmulatorOptions.PageSize wins); null leaves it to ARM's own page sizes.</summary>
    public int? PageSize { get; set; }

    public int LatencyMs { get; set; }

    /// <summary>
    /// The Retry-After (seconds) of long-running operations; 1 as ARM often answers, 0 for fast tests. Read when the
    /// emulator starts.
    /// </summary>
    public int OperationRetryAfterSeconds { get; set; } = 1;

    internal string RetryAfterHeader => OperationRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Subscriptions the caller may not read: everything under them answers 403 AuthorizationFailed.</summary>
    public List<string> ForbiddenSubscriptions { get; } = new();

    /// <summary>ARM's throttling model ("throttling": true, or bucket sizes); null, the default, is no throttling.</summary>
    public Emulator.Throttling.ThrottlingLimits? Throttling { get; set; }

    /// <summary>Resource Graph's per-user query quota ("resourceGraphThrottling": true, or {"queries","windowSeconds"}); null is none.</summary>
    public Emulator.Throttling.ResourceGraphLimits? ResourceGraphThrottling { get; set; }

    /// <summary>At most this many rows per Resource Graph page (the service's own maximum is 1,000); null is 1,000.</summary>
    public int? ResourceGraphPageSize { get; set; }

    /// <summary>
    /// Whether a statusOnly=true VM list carries only the statuses of each instance view ("statusOnlyView": "statuses")
    /// rather than the whole stored view (the default). ARM does not document which; the engine must work with both.
    /// </summary>
    public bool StatusOnlyStatusesOnly { get; set; }

    /// <summary>Faults armed when the emulator starts.</summary>
    public List<FaultRule> Faults { get; } = new();

    internal static ScenarioSettings FromJson(JsonObject? json)
    {
        var settings = new ScenarioSettings();
        if (json == null) return settings;
        settings.PageSize = (int?)json["pageSize"];
        settings.LatencyMs = (int?)json["latencyMs"] ?? 0;
        settings.Throttling = Emulator.Throttling.ThrottlingLimits.FromJson(json["throttling"]);
        settings.ResourceGraphThrottling = Emulator.Throttling.ResourceGraphLimits.FromJson(json["resourceGraphThrottling"]);
        settings.ResourceGraphPageSize = (int?)json["resourceGraphPageSize"];
        settings.OperationRetryAfterSeconds = (int?)json["operationRetryAfterSeconds"] ?? 1;
        settings.StatusOnlyStatusesOnly = string.Equals((string?)json["statusOnlyView"], "statuses", StringComparison.OrdinalIgnoreCase);
        if (json["forbiddenSubscriptions"] is JsonArray forbidden)
            settings.ForbiddenSubscriptions.AddRange(forbidden.Select(f => (string)f!));
        if (json["faults"] is JsonArray faults)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var where = $"settings.faults[{i}]";
                if (faults[i] is not JsonObject fault) throw new InvalidScenarioException($"{where}: a fault must be a JSON object.");
                FaultRule rule;
                try
                {
                    rule = FaultFromJson(fault);
                }
                catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException || ex is ArgumentException || ex is OverflowException)
                {
                    throw new InvalidScenarioException($"{where}: {InvalidScenarioException.OneLine(ex.Message)}", ex);
                }
                FaultInjector.Validate(rule, where);
                settings.Faults.Add(rule);
            }
        }
        else if (json["faults"] != null)
        {
            throw new InvalidScenarioException("settings.faults: must be an array of fault objects.");
        }
        return settings;
    }

    private static FaultRule FaultFromJson(JsonObject f)
    {
        var delayMs = (int?)f["delayMs"];
        return new FaultRule
        {
            Method = (string?)f["method"],
            Effect = Enum.TryParse<FaultEffect>((string?)f["effect"] ?? "Answer", ignoreCase: true, out var effect) ? effect : throw new FormatException($"Unknown fault effect '{(string?)f["effect"]}'."),
            PathPattern = (string?)f["path"] ?? ".*",
            QueryPattern = (string?)f["query"],
            BodyPattern = (string?)f["body"],
            Status = (int?)f["status"] ?? 500,
            ErrorCode = (string?)f["errorCode"],
            RetryAfterSeconds = (int?)f["retryAfterSeconds"],
            Times = (int?)f["times"] ?? 1,
            Delay = delayMs == null ? null : TimeSpan.FromMilliseconds(delayMs.Value),
        };
    }

    internal bool IsForbidden(string? subscriptionId)
        => subscriptionId != null && ForbiddenSubscriptions.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase);
}
