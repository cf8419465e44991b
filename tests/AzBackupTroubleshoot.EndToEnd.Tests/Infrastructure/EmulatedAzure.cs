using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A running emulator plus a real ArmClient pointed at it over HTTPS: the whole stack as users run it,
/// with Azure swapped for a scenario.
/// </summary>
public sealed class EmulatedAzure : IAsyncDisposable
{
    private EmulatedAzure(ArmEmulator emulator) => Emulator = emulator;

    public ArmEmulator Emulator { get; }

    public static async Task<EmulatedAzure> StartAsync(Scenario scenario, EmulatorOptions? options = null)
        => new EmulatedAzure(await ArmEmulator.StartAsync(scenario, options));

    public static Task<EmulatedAzure> StartDemoAsync() => StartAsync(Scenario.Load(RepoPaths.DemoScenario));

    public ArmConnectionOptions ConnectionOptions(int maxRetries = 6) => new()
    {
        Endpoint = Emulator.Endpoint,
        PinnedCertificateSha256 = Emulator.CertificateSha256,
        Credential = CredentialKind.AccessToken,
        AccessToken = "test-token",
        MaxRetries = maxRetries,
    };

    public ArmConnection Connect(int maxRetries = 6) => ArmConnection.Create(ConnectionOptions(maxRetries));

    /// <summary>Runs a scan to the end and returns everything it streamed.</summary>
    public async Task<ScanOutcome> ScanAsync(ScanScope scope, IEnumerable<string>? checks = null, int maxRetries = 6, Action<ScanOptions>? configure = null)
    {
        var scanner = new ReadinessScanner(Connect(maxRetries), checks);
        configure?.Invoke(scanner.Options);
        var outcome = new ScanOutcome();
        await foreach (var evt in scanner.ScanAsync(scope))
        {
            switch (evt)
            {
                case ResultEvent r: outcome.Results.Add(r.Result); break;
                case ScopeErrorEvent e: outcome.Errors.Add(e); break;
                case ProgressEvent p: outcome.Progress.Add(p); break;
            }
        }
        return outcome;
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}

public sealed class ScanOutcome
{
    public List<CheckResult> Results { get; } = new();
    public List<ScopeErrorEvent> Errors { get; } = new();
    public List<ProgressEvent> Progress { get; } = new();

    public IEnumerable<CheckResult> For(string vmName) => Results.Where(r => string.Equals(r.VmName, vmName, StringComparison.OrdinalIgnoreCase));

    public CheckResult Single(string vmName, string checkId)
        => For(vmName).SingleOrDefault(r => r.CheckId == checkId)
           ?? throw new Xunit.Sdk.XunitException($"No result for VM '{vmName}' and check '{checkId}'. VMs seen: {string.Join(", ", Results.Select(r => r.VmName).Distinct())}");
}
