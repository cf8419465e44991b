using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.EndToEnd.Tests.Restore;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>--lang on azbt readiness and azbt restore-readiness: localized titles, messages and fixes; bad values are usage errors.</summary>
public sealed class LocalizedCliTests : IDisposable
{
    private readonly TempFolder _temp = new("azbt-lang-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    private string BusyVmScenario()
    {
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "busy", powerState: "deallocating").ToJson());
        return path;
    }

    private static string[] Restore(params string[] more)
        => new[] { "restore-readiness", "--scenario", RestoreScenario.Path, "--vm", RestoreScenario.Vm("vm-app-01"), "--target-resource-group", RestoreScenario.TargetGroup }
            .Concat(more).ToArray();

    [Fact]
    public async Task Readiness_in_italian_prints_italian_messages_and_fixes()
    {
        var (exit, stdout, _) = await Run("readiness", "--scenario", BusyVmScenario(), "--check", "Vm.PowerState", "--lang", "it");
        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.Contains("La VM è nello stato 'deallocating'. Backup di Azure rifiuta", stdout);
        Assert.Contains("Attendere che la VM sia in esecuzione", stdout);
    }

    [Fact]
    public async Task Readiness_json_says_its_language()
    {
        var (_, stdout, _) = await Run("readiness", "--scenario", BusyVmScenario(), "--check", "Vm.PowerState", "--lang", "pt-BR", "--output", "json");
        using var doc = JsonDocument.Parse(stdout);
        var result = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("pt", result.GetProperty("language").GetString());
        Assert.Equal("O estado de energia da VM permite o backup", result.GetProperty("title").GetString());
        Assert.Equal("Fail", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_without_lang_is_english()
    {
        var (_, stdout, _) = await Run("readiness", "--scenario", BusyVmScenario(), "--check", "Vm.PowerState", "--output", "json");
        using var doc = JsonDocument.Parse(stdout);
        var result = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("en", result.GetProperty("language").GetString());
        Assert.Contains("Azure Backup refuses", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Restore_readiness_in_portuguese_prints_portuguese_messages()
    {
        var (exit, stdout, _) = await Run(Restore("--storage-account", RestoreScenario.StorageAccount("strestorewe"), "--lang", "pt"));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("A conta de armazenamento e o cofre estão ambos na região", stdout);
        Assert.Contains("Nenhuma sub-rede de destino foi informada.", stdout);
        Assert.DoesNotContain("The storage account", stdout);
    }

    [Fact]
    public async Task Restore_readiness_json_carries_the_language_and_localized_titles()
    {
        var (_, stdout, _) = await Run(Restore("--lang", "it", "--output", "json"));
        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(7, results.Count);
        Assert.All(results, r => Assert.Equal("it", r.GetProperty("language").GetString()));
        Assert.Contains(results, r => r.GetProperty("title").GetString() == "L'account di archiviazione è nell'area dell'insieme di credenziali");
    }

    [Theory]
    [InlineData("readiness", "fr")]
    [InlineData("readiness", "klingon")]
    [InlineData("restore-readiness", "de-DE")]
    public async Task An_unknown_language_is_a_usage_error(string command, string lang)
    {
        var args = command == "readiness"
            ? new[] { "readiness", "--scenario", BusyVmScenario(), "--lang", lang }
            : Restore("--lang", lang);
        var (exit, stdout, stderr) = await Run(args);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--lang must be en, it or pt", stderr);
        Assert.Equal("", stdout);
    }
}
