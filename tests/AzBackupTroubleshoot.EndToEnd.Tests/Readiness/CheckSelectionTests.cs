using System.Text.Json;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>
/// A check run alone (`--check`) judges every demo VM as it does in the full scan. A VM waiting for its restore points
/// keeps only the parts its remaining checks declare they read, so a check that reads a part it does not declare would
/// judge a slimmed inventory differently when no other check declares that part (Enhanced policies judged by the fixed
/// limit of 18 when RestorePoints.CollectionLimit did not declare the vaults).
/// </summary>
public sealed class CheckSelectionTests
{
    private static readonly Lazy<Task<List<string>>> FullScan = new(() => Run());

    public static TheoryData<string> RestorePointChecks()
    {
        var data = new TheoryData<string>();
        foreach (var check in CheckCatalog.All.Where(c => c.Step == ReadinessStep.WithRestorePoints)) data.Add(check.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RestorePointChecks))]
    public async Task A_restore_point_check_run_alone_judges_as_in_the_full_scan(string checkId)
    {
        var alone = await Run("--check", checkId);
        var expected = (await FullScan.Value).Where(r => r.Contains($"|{checkId}|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, alone);
    }

    private static async Task<List<string>> Run(params string[] extra)
    {
        var (_, stdout, _) = await CliRun.Run(new[] { "readiness", "--scenario", RepoPaths.DemoScenario, "--output", "json" }.Concat(extra).ToArray());
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("vmId").GetString()!.ToLowerInvariant()}|{r.GetProperty("checkId").GetString()}|{r.GetProperty("status").GetString()}|{r.GetProperty("message").GetString()}")
            .OrderBy(k => k, StringComparer.Ordinal).ToList();
    }
}
