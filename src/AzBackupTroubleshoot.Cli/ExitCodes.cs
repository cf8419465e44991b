using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Exit codes, stable for CI gates (docs/cli.md has the table).</summary>
    public static class ExitCodes
    {
        /// <summary>Everything checked passed (warnings and skips allowed unless --fail-on warning).</summary>
        public const int Success = 0;
        /// <summary>At least one check failed (or errored), or a repair step failed (a refused repair is <see cref="Refused"/>).</summary>
        public const int ChecksFailed = 1;
        /// <summary>Bad input: a parse error, a malformed id, an unreadable scenario file. Nothing was read or written.</summary>
        public const int InvalidInput = 2;
        /// <summary>Checks ran, but part of the scope could not be read (forbidden, missing, throttled).</summary>
        public const int ScopeErrors = 3;
        /// <summary>ARM could not be reached: refused, DNS, TLS or certificate pin, reset, timeout.</summary>
        public const int Connection = 4;
        /// <summary>No usable token: sign-in failed, no credential, or ARM rejected the token (401).</summary>
        public const int Authentication = 5;
        /// <summary>The identity is not allowed to do this (403).</summary>
        public const int Authorization = 6;
        /// <summary>The named resource does not exist.</summary>
        public const int NotFound = 7;
        /// <summary>ARM kept throttling after the retries.</summary>
        public const int Throttled = 8;
        /// <summary>ARM failed or answered something unusable, or the resource is in a conflicting state.</summary>
        public const int ServiceError = 9;
        /// <summary>A safety rule or the resource's state refused (a pending or busy lock journal, unreadable safety data, a lock in the way, a job running, a foreign host).</summary>
        public const int Refused = 10;
        /// <summary>Cancelled (Ctrl+C).</summary>
        public const int Cancelled = 130;

        /// <summary>The exit code of a failure that stopped the run, by its kind: the one mapping of the CLI.</summary>
        public static int For(FailureKind kind) => kind switch
        {
            FailureKind.InvalidInput => InvalidInput,
            FailureKind.Connection => Connection,
            FailureKind.Authentication => Authentication,
            FailureKind.Authorization => Authorization,
            FailureKind.NotFound => NotFound,
            FailureKind.Throttled => Throttled,
            FailureKind.Conflict => ServiceError,
            FailureKind.ServiceError => ServiceError,
            FailureKind.Refused => Refused,
            FailureKind.Cancelled => Cancelled,
            _ => ServiceError,
        };
    }
}
