using System.Globalization;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>The demo scenario scanned in Italian and in Portuguese (ScanOptions.Culture), once each.</summary>
public sealed class LocalizedDemoScans : IAsyncLifetime
{
    public Dictionary<string, ScanOutcome> ByCulture { get; } = new();

    public async Task InitializeAsync()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var connection = azure.Connect();
        var scope = new ScanScope();
        foreach (var sub in await SubscriptionDiscovery.ListAsync(connection)) scope.AddSubscription(sub);
        foreach (var culture in new[] { "it-IT", "pt-BR" })
        {
            var scanner = new ReadinessScanner(connection)
            {
                Options = new ScanOptions { BackupServiceObjectIds = new[] { DemoScan.BackupServiceObjectId }, Culture = new CultureInfo(culture) },
            };
            var outcome = new ScanOutcome();
            await foreach (var evt in scanner.ScanAsync(scope))
                if (evt is ResultEvent r) outcome.Results.Add(r.Result);
            ByCulture[culture] = outcome;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class LocalizedReadinessTests : IClassFixture<LocalizedDemoScans>
{
    private readonly LocalizedDemoScans _scans;

    public LocalizedReadinessTests(LocalizedDemoScans scans) => _scans = scans;

    [Theory]
    [InlineData("it-IT", "Vm.PowerState", "vm-power-starting", "Lo stato di alimentazione della VM consente il backup", "Backup di Azure rifiuta", "Attendere")]
    [InlineData("pt-BR", "Vm.PowerState", "vm-power-starting", "O estado de energia da VM permite o backup", "O Backup do Azure se recusa", "Aguarde")]
    [InlineData("it-IT", "Lock.RestorePointResourceGroup", "vm-dev-subscription-locked", "Il gruppo di risorse dei punti di ripristino non è bloccato", "ereditato dalla sottoscrizione", "Rimuovere i blocchi")]
    [InlineData("pt-BR", "Lock.RestorePointResourceGroup", "vm-dev-subscription-locked", "O grupo de recursos dos pontos de restauração não está bloqueado", "herdado da assinatura", "Remova o(s) bloqueio(s)")]
    [InlineData("it-IT", "RestorePoints.CollectionLimit", "vm-restorepoints-18", "I punti di ripristino sono sotto il limite", "La VM ha 18 punti di ripristino", "Rimuovere qualsiasi blocco")]
    [InlineData("pt-BR", "Agent.Ready", "vm-agent-notready", "O agente convidado da VM informa Ready", "O agente convidado não está pronto", "Conecte-se à VM")]
    public void A_failing_check_speaks_the_scan_language(string culture, string checkId, string vm, string title, string inMessage, string fixStart)
    {
        var result = _scans.ByCulture[culture].Single(vm, checkId);
        Assert.Equal(title, result.Title);
        Assert.Contains(inMessage, result.Message);
        Assert.StartsWith(fixStart, result.Remediation);
    }

    [Theory]
    [InlineData("it-IT", "it")]
    [InlineData("pt-BR", "pt")]
    public void Every_result_is_fully_rendered_in_the_scan_language(string culture, string language)
    {
        var results = _scans.ByCulture[culture].Results;
        Assert.True(results.Count > 100, $"only {results.Count} results");
        Assert.All(results, r =>
        {
            Assert.Equal(language, r.Language);
            Assert.DoesNotContain("{", r.Title + r.Message + r.Remediation);
        });
    }

    [Fact]
    public void Statuses_codes_and_evidence_do_not_depend_on_the_language()
    {
        static string Key(CheckResult r) => r.VmId + "|" + r.CheckId;
        var italian = _scans.ByCulture["it-IT"].Results.ToDictionary(Key);
        var portuguese = _scans.ByCulture["pt-BR"].Results.ToDictionary(Key);
        Assert.Equal(italian.Keys.OrderBy(k => k), portuguese.Keys.OrderBy(k => k));
        foreach (var (key, it) in italian)
        {
            var pt = portuguese[key];
            Assert.Equal(it.Status, pt.Status);
            Assert.Equal(it.Codes, pt.Codes);
            Assert.Equal(it.Evidence.Select(e => e.ToString()), pt.Evidence.Select(e => e.ToString()));
            if (it.Status is CheckStatus.Fail or CheckStatus.Warning) Assert.NotEqual(it.Message, pt.Message);
        }
    }
}
