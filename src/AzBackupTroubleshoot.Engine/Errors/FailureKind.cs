namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// What kind of failure stopped an operation: the one taxonomy both fronts map from (the CLI to exit codes, the
    /// cmdlets to ErrorCategory). Kept small on purpose: a front decides what to do by kind, a script matches on the code.
    /// </summary>
    public enum FailureKind
    {
        /// <summary>A value the user gave is malformed or not allowed (a bad id, an unknown option, a 400 from ARM).</summary>
        InvalidInput,
        /// <summary>ARM could not be reached: refused, DNS, TLS/certificate pin, reset, timeout.</summary>
        Connection,
        /// <summary>No usable token: sign-in failed, no credential, or ARM rejected the token (401).</summary>
        Authentication,
        /// <summary>The identity is known but not allowed (403).</summary>
        Authorization,
        /// <summary>The resource does not exist (404, or a list that has no such item).</summary>
        NotFound,
        /// <summary>ARM kept throttling (429) after the retries.</summary>
        Throttled,
        /// <summary>The resource is in a state that forbids the operation (409/412: locks, an operation in progress).</summary>
        Conflict,
        /// <summary>ARM failed or answered something unusable (5xx, a body that is not JSON, a paging loop).</summary>
        ServiceError,
        /// <summary>The engine refused on a safety rule (a pending lock journal, unreadable safety data, a foreign host).</summary>
        Refused,
        /// <summary>The user cancelled (Ctrl+C, a stopped pipeline).</summary>
        Cancelled,
    }
}
