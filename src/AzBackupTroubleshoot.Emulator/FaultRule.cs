using System;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// Makes matching requests fail (or slow down) a number of times, then stops.
/// Status 400 and above: the request itself fails with that status (429 carries Retry-After).
/// Status below 400 with an <see cref="ErrorCode"/>: the request is accepted, but the long-running operation it starts
/// ends Failed with that code (for "the delete timed out, retry it" cases).
/// Status 0 with a <see cref="Delay"/>: the request is only slowed down.
/// An <see cref="Effect"/> other than <see cref="FaultEffect.Answer"/> overrides the status (see <see cref="FaultEffect"/>).
/// </summary>
public sealed class FaultRule
{
    /// <summary>What the fault does to a matching request; <see cref="FaultEffect.Answer"/> uses <see cref="Status"/>.</summary>
    public FaultEffect Effect { get; set; } = FaultEffect.Answer;

    /// <summary>HTTP method to match (GET, DELETE...); null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Regular expression matched against the request path, case-insensitively.</summary>
    public string PathPattern { get; set; } = ".*";

    /// <summary>Regular expression matched against the raw query string (e.g. <c>\$skiptoken=</c> for later pages only); null matches any.</summary>
    public string? QueryPattern { get; set; }

    /// <summary>
    /// Regular expression matched against the request body of a Resource Graph query (e.g. one subscription id, to fail
    /// only the batch that names it); null matches any. A rule with it matches no other request.
    /// </summary>
    public string? BodyPattern { get; set; }

    public int Status { get; set; } = 500;

    /// <summary>The error code in the ARM error body; a sensible one per status when null.</summary>
    public string? ErrorCode { get; set; }

    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many matching requests are affected before the rule goes quiet.</summary>
    public int Times { get; set; } = 1;

    /// <summary>Wait this long before answering a matching request.</summary>
    public TimeSpan? Delay { get; set; }
}

/// <summary>The ways a request can go wrong besides an error status.</summary>
public enum FaultEffect
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> (or only delay it, with status 0).</summary>
    Answer,

    /// <summary>Carry the request out, then abort the connection instead of answering: the client never learns the outcome.</summary>
    Reset,

    /// <summary>
    /// Hold the request (for <see cref="FaultRule.Delay"/>, default 30 s, or until the client gives up), never carry it
    /// out, then abort the connection: a time-out.
    /// </summary>
    Hold,

    /// <summary>Accept the request, but the long-running operation it starts stays InProgress for ever.</summary>
    NeverFinish,
}
