namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// Values quoted for the commands a fix shows, so an id read from ARM or a saved inventory can be pasted as one
    /// argument and never runs as code: single quotes in both shells, a quote inside doubled (PowerShell) or closed,
    /// escaped and reopened (POSIX shells).
    /// </summary>
    internal static class ShellQuote
    {
        public static string PowerShell(string value) => "'" + value.Replace("'", "''") + "'";

        public static string Posix(string value) => "'" + value.Replace("'", "'\\''") + "'";
    }
}
