using System.Globalization;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Triage;

/// <summary>scenarios/failures.json served by the emulator, and a triage of its whole subscription over HTTPS.</summary>
public static class FailuresScenario
{
    public const string SubscriptionId = "5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4";
    public const string VaultId = "/subscriptions/" + SubscriptionId + "/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-triage-ne";

    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "scenarios", "failures.json");

    public static string VmId(string name) => ScenarioBuilder.VmId(SubscriptionId, "rg-app-ne", name);

    public static Task<EmulatedAzure> StartAsync() => EmulatedAzure.StartAsync(Scenario.Load(Path));

    /// <summary>Runs a triage to the end: the diagnoses and the scope errors it streamed.</summary>
    public static async Task<(List<BackupFailureDiagnosis> Diagnoses, List<ScopeErrorEvent> Errors)> DiagnoseAsync(
        EmulatedAzure azure, string culture, ScanScope? scope = null, string? vaultId = null)
    {
        var triage = new BackupFailureTriage(azure.Connect(), new CultureInfo(culture));
        var events = vaultId != null
            ? triage.DiagnoseVaultAsync(vaultId)
            : triage.DiagnoseAsync(scope ?? new ScanScope().AddSubscription(SubscriptionId));
        var diagnoses = new List<BackupFailureDiagnosis>();
        var errors = new List<ScopeErrorEvent>();
        await foreach (var evt in events)
        {
            if (evt is DiagnosisEvent d) diagnoses.Add(d.Diagnosis);
            if (evt is ScopeErrorEvent e) errors.Add(e);
        }
        return (diagnoses, errors);
    }
}
