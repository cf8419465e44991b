using System;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// Makes matching requests fail (or slow down) a number of times, then stops.
/// Status 400 and above: the request itself fails with that status (429 carries Retry-After).
/// Status below 400 with an <see cref="ErrorCode"/>: the request is accepted, but the long-running operation it starts
/// ends Failed with that code (for "the delete timed out, retry it" cases).
/// Status 0 with a <see cref="Delay"/>: the request is only slowed down.
/// </summary>
public sealed class FaultRule
{
    /// <summary>HTTP method to match (GET, DELETE...); null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Regular expression matched against the request path, case-insensitively.</summary>
    public string PathPattern { get; set; } = ".*";

    public int Status { get; set; } = 500;

    /// <summary>The error code in the ARM error body; a sensible one per status when null.</summary>
    public string? ErrorCode { get; set; }

    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many matching requests are affected before the rule goes quiet.</summary>
    public int Times { get; set; } = 1;

    /// <summary>Wait this long before answering a matching request.</summary>
    public TimeSpan? Delay { get; set; }
}
