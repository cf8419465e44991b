using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.EndToEnd.Tests.Readiness;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Golden;

/// <summary>
/// The demo scan pinned down: scenario times ("@now-2h") and the scan's evaluation time are one fixed instant, texts are
/// English, results are ordered by VM (within a VM as the scanner emits them: the checks on the VM alone, then those needing the other lists, then restore points; catalog order within each), so the JSON is the
/// same on every run and every machine.
/// </summary>
public static class DemoGolden
{
    public const string Path = "tests/AzBackupTroubleshoot.EndToEnd.Tests/Golden/demo-scan.json";

    public static readonly DateTimeOffset At = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static Task<EmulatedAzure> StartDemoAsync() => EmulatedAzure.StartAsync(Scenario.Load(RepoPaths.DemoScenario, At));

    public static ScanOptions Options() => new()
    {
        Clock = () => At,
        Culture = Culture,
        BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId },
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Results as JSON in a stable order (subscriptions finish in any order; within a VM the order is the scanner's steps).</summary>
    public static string Serialize(IEnumerable<CheckResult> results)
        => JsonSerializer.Serialize(results.OrderBy(r => r.VmId, StringComparer.Ordinal).ToList(), Json).Replace("\r\n", "\n") + "\n";
}
