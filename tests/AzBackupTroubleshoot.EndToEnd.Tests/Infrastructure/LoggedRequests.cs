namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>What an entry of the emulator's request log (<c>Emulator.Requests.Entries</c>) was.</summary>
public static class LoggedRequests
{
    /// <summary>A restore point collection read with its points ($expand=restorePoints), as the scan counts them.</summary>
    public static bool IsRestorePointRead((string Method, string Path, string Query, int Status, TimeSpan At) e)
        => e.Method == "GET" && e.Query.Contains("$expand=restorePoints", StringComparison.OrdinalIgnoreCase);
}
