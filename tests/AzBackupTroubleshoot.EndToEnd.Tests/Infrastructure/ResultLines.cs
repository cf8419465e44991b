using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>Scan results as lines to compare two scans by: VMs in id order, each VM's results in the order they came.</summary>
public static class ResultLines
{
    public static List<string> Of(IEnumerable<CheckResult> results)
        => results.GroupBy(r => r.VmId, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .SelectMany(g => g.Select(r => $"{r.VmId} {r.CheckId} {r.Status} {r.Message}")).ToList();
}
