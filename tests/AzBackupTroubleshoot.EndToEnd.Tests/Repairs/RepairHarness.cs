using System.Text.Json;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>What the repair tests share: a journal directory per test, fast client settings, and ARM's state as the emulator holds it.</summary>
internal static class RepairHarness
{
    /// <summary>A distinctive token: the tests look for it in journals and records, where it must never be.</summary>
    public const string Token = "tok-3d7f1c9e-never-write-me";

    // The VM the repair tests work on, its vault, and what Azure Backup keeps for it.
    public static readonly string Vm = VmId(Sub1, "rg-app", "vm1");
    public static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");
    public static readonly string BackupRgId = $"/subscriptions/{Sub1}/resourceGroups/AzureBackupRG_westeurope_1";
    public static readonly string Rpc1 = $"{BackupRgId}/providers/Microsoft.Compute/restorePointCollections/AzureBackup_vm1_1";
    /// <summary>The customer's own collection of vm1 inside the Azure Backup group: never to be deleted.</summary>
    public static readonly string Decoy = $"{BackupRgId}/providers/Microsoft.Compute/restorePointCollections/customer-rpc";
    public static readonly string KeepLock = $"{BackupRgId}/providers/Microsoft.Authorization/locks/keep";

    /// <summary>vm1's Azure Backup collection (3 points) under its group's CanNotDelete lock 'keep'; operations poll at once.</summary>
    public static Scenario LockedCollectionScenario()
    {
        var scenario = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "AzureBackup_vm1_1", 3)
            .Lock(BackupRgId, "keep", "CanNotDelete", "finance: do not delete")
            .Build();
        scenario.Settings.OperationRetryAfterSeconds = 0;
        return scenario;
    }

    public static string NewJournalDirectory() => Path.Combine(Path.GetTempPath(), "azbt-journal-" + Guid.NewGuid().ToString("N"));

    /// <summary>A client that gives up quickly: one retry, a short network timeout (the "timeout" fault holds requests longer).</summary>
    public static ArmConnection FastConnection(EmulatedAzure azure, TimeSpan? networkTimeout = null)
    {
        var options = azure.ConnectionOptions(maxRetries: 1);
        options.AccessToken = Token;
        options.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(1.5);
        return ArmConnection.Create(options);
    }

    public static RepairOptions Options(string journalDirectory, TimeSpan? deadline = null, Action<RepairRecord>? onRecord = null)
        => new() { JournalDirectory = journalDirectory, Deadline = deadline ?? TimeSpan.FromSeconds(20), OnRecord = onRecord, LockRestoreRetryDelay = TimeSpan.FromMilliseconds(100) };

    public static ResilientDelete FastDelete => new() { MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(50) };

    /// <summary>Every lock ARM holds: id → level, notes and owners.</summary>
    public static Dictionary<string, string> Locks(EmulatedAzure azure)
        => azure.Emulator.Scenario.Resources("Microsoft.Authorization/locks").ToDictionary(
            l => ((string)l["id"]!).ToLowerInvariant(),
            l => JsonSerializer.Serialize(new { level = (string?)l["properties"]?["level"], notes = (string?)l["properties"]?["notes"], owners = l["properties"]?["owners"]?.ToJsonString() ?? "[]" }));

    public static bool Exists(EmulatedAzure azure, string id) => azure.Emulator.Scenario.Get(id) != null;

    public static string Describe(IEnumerable<RepairRecord> records) => string.Join("\n", records.Select(r => $"{r.Status,-10} {r.Action,-28} {r.ErrorCode,-20} {r.Target} :: {r.Message}"));

    /// <summary>The text of every journal file left in the directory ("" when none).</summary>
    public static string JournalText(string directory)
        => Directory.Exists(directory) ? string.Join("\n", Directory.GetFiles(directory).Select(File.ReadAllText)) : "";

    public static int JournalCount(string directory) => Directory.Exists(directory) ? Directory.GetFiles(directory, "*.journal").Length : 0;
}
