namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>What an entry of the emulator's request log (<c>Emulator.Requests.Entries</c>) was.</summary>
public static class LoggedRequests
{
    /// <summary>A restore point collection read with its points ($expand=restorePoints), as the scan counts them.</summary>
    public static bool IsRestorePointRead((string Method, string Path, string Query, int Status, TimeSpan At) e)
        => e.Method == "GET" && e.Query.Contains("$expand=restorePoints", StringComparison.OrdinalIgnoreCase);

    /// <summary>A subscription's disk list (Disks_List), the list the fleet tests hold back to be the last one in.</summary>
    public static bool IsDiskList((string Method, string Path, string Query, int Status, TimeSpan At) e)
        => e.Path.EndsWith("/providers/Microsoft.Compute/disks", StringComparison.OrdinalIgnoreCase);
}
