namespace AzBackupTroubleshoot.Checks
{
    /// <summary>What a check concluded for one VM.</summary>
    public enum CheckStatus
    {
        /// <summary>The condition the check looks for is absent.</summary>
        Pass,
        /// <summary>Backup is at risk, or degraded, but not certain to fail.</summary>
        Warning,
        /// <summary>Backup will fail (or is failing) because of this condition.</summary>
        Fail,
        /// <summary>Not applicable to this VM, or the data it needs could not be read (the message says which).</summary>
        Skipped,
        /// <summary>The check itself failed; the message says why.</summary>
        Error,
    }

    /// <summary>How bad a failure of this check is.</summary>
    public enum CheckSeverity
    {
        Info,
        Warning,
        Critical,
    }
}
