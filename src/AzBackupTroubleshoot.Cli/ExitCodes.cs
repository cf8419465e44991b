namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Exit codes, stable for CI gates.</summary>
    public static class ExitCodes
    {
        /// <summary>Everything checked passed (warnings and skips allowed unless --fail-on warning).</summary>
        public const int Success = 0;
        /// <summary>At least one check failed (or errored): this backup will fail.</summary>
        public const int ChecksFailed = 1;
        /// <summary>Bad input or the connection could not be made; nothing was checked.</summary>
        public const int UsageOrConnection = 2;
        /// <summary>Checks passed, but part of the scope could not be read (forbidden, missing, throttled).</summary>
        public const int ScopeErrors = 3;
    }
}
