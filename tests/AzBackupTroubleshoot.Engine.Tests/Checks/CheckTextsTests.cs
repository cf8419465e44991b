using AzBackupTroubleshoot.Inventory;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Vm;
using AzBackupTroubleshoot.Engine.Tests.Knowledge;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Restore;
using static AzBackupTroubleshoot.Engine.Tests.Restore.RestoreFactsFixture;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>
/// knowledge/check-texts.json against the code that uses it: every key a check names exists in English, Italian and
/// Portuguese with the same placeholders, no text is orphaned, and every fixture renders completely in every language.
/// </summary>
public class CheckTextsTests
{
    private static readonly KnowledgeLanguage[] Languages = { KnowledgeLanguage.En, KnowledgeLanguage.It, KnowledgeLanguage.Pt };
    private static readonly string[] Cultures = { "en-US", "it-IT", "pt-BR" };

    private static readonly Regex Placeholder = new(@"\{(\w+)\}");

    /// <summary>The texts as the file holds them: key → language → text.</summary>
    private static Dictionary<string, Dictionary<string, string>> FileTexts()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SeedFiles.RepoRoot, "knowledge", "check-texts.json")));
        return doc.RootElement.GetProperty("phrases").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? ""));
    }

    /// <summary>
    /// The keys the engine's source names: Text("key") in a file declaring Id => "X" gives "X.key";
    /// CheckText.Common("key") and CheckText.Or(value, "key") give "Common.key".
    /// </summary>
    private static HashSet<string> KeysUsedInCode()
    {
        var engine = Path.Combine(SeedFiles.RepoRoot, "src", "AzBackupTroubleshoot.Engine");
        var files = Directory.GetFiles(Path.Combine(engine, "Checks"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(engine, "Restore"), "*.cs", SearchOption.AllDirectories));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            var id = Regex.Match(source, @"override string Id => ""([\w.]+)""");
            var own = Regex.Matches(source, @"\bText\(""(\w+)""").Select(m => m.Groups[1].Value).ToList();
            if (own.Count > 0)
            {
                Assert.True(id.Success, $"{Path.GetFileName(file)} names check texts but declares no Id.");
                keys.UnionWith(own.Select(k => id.Groups[1].Value + "." + k));
                keys.Add(id.Groups[1].Value + ".title");
            }
            keys.UnionWith(Regex.Matches(source, @"CheckText\.Common\(""([\w.]+)""").Select(m => "Common." + m.Groups[1].Value));
            keys.UnionWith(Regex.Matches(source, @"CheckText\.Or\([^;]*?,\s*""(\w+)""\)").Select(m => "Common." + m.Groups[1].Value));
        }
        return keys;
    }

    [Fact]
    public void Every_key_the_code_names_exists_in_every_language()
    {
        var texts = FileTexts();
        var used = KeysUsedInCode();
        Assert.True(used.Count > 200, $"the source scan found only {used.Count} keys");
        var missing = used.Where(k => !texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Keys used in code but missing from check-texts.json: " + string.Join(", ", missing));
        foreach (var key in used)
            foreach (var language in Languages)
                Assert.False(string.IsNullOrWhiteSpace(texts[key].GetValueOrDefault(language.Key())), $"{key} has no '{language.Key()}' text.");
    }

    [Fact]
    public void No_text_in_the_file_is_orphaned()
    {
        var used = KeysUsedInCode();
        var orphans = FileTexts().Keys.Where(k => !used.Contains(k)).ToList();
        Assert.True(orphans.Count == 0, "Texts no code uses: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Every_language_uses_the_placeholders_of_the_english_text()
    {
        foreach (var (key, byLanguage) in FileTexts())
        {
            var english = Placeholders(byLanguage["en"]);
            Assert.Equal(new[] { "en", "it", "pt" }, byLanguage.Keys.OrderBy(k => k));
            foreach (var language in new[] { "it", "pt" })
                Assert.True(english.SetEquals(Placeholders(byLanguage[language])), $"{key}.{language} has placeholders {{{string.Join(",", Placeholders(byLanguage[language]))}}}, English has {{{string.Join(",", english)}}}.");
            if (byLanguage["en"].Length > 30) // a sentence, not a term that may read the same ("subnet '{subnet}'")
            {
                Assert.NotEqual(byLanguage["en"], byLanguage["it"]);
                Assert.NotEqual(byLanguage["en"], byLanguage["pt"]);
            }
        }
    }

    [Fact]
    public void Every_check_and_pre_check_has_a_title_in_every_language()
    {
        var ids = CheckCatalog.All.Select(c => c.Id).Concat(CheckCatalog.Default.Of<RestorePreCheck>().Select(c => c.Id));
        foreach (var id in ids)
        {
            var titles = Languages.Select(l => Phrases.CheckTexts.All(id + ".title").Exact(l)).ToList();
            Assert.All(titles, t => Assert.False(string.IsNullOrWhiteSpace(t), $"{id} lacks a title"));
            Assert.Equal(3, titles.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("it-IT")]
    [InlineData("pt-BR")]
    public void Every_fixture_renders_without_a_placeholder_left(string culture)
    {
        var runner = TestEvaluation.Runner<VmInventory>(CheckCatalog.All, culture);
        var results = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
            .SelectMany(f => Scenario.Load(Path.GetFileName(f)).Inventories)
            .SelectMany(runner.Run)
            .ToList();
        Assert.True(results.Count > 300, $"only {results.Count} results");
        // Every status a check can give should be exercised, so every kind of text is rendered.
        Assert.Equal(new[] { CheckStatus.Pass, CheckStatus.Warning, CheckStatus.Fail, CheckStatus.Skipped }, results.Select(r => r.Status).Distinct().OrderBy(s => s));
        Assert.All(results, AssertRendered(culture));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("it-IT")]
    [InlineData("pt-BR")]
    public void Restore_pre_checks_render_without_a_placeholder_left(string culture)
    {
        var variants = new[]
        {
            Facts(),
            CrossSubscription(),
            CrossSubscription().With(nameof(RestoreFacts.TargetSubscription), Subscription(OtherSub, tenant: "b7e6d5c4-a3b2-4190-8f7e-6d5c4b3a2910")),
            CrossSubscription().With(nameof(RestoreFacts.SourceVm), Missing(VmId)),
            Facts().With(nameof(RestoreFacts.StorageAccount), StorageAccount(sku: "Premium_LRS", location: "northeurope")),
            Facts().With(nameof(RestoreFacts.StorageAccount), StorageAccount(state: "Creating")),
            Facts().With(nameof(RestoreFacts.StorageAccount), Missing(AccountId)),
            Facts().With(nameof(RestoreFacts.ComputeUsages), Usages(coresUsed: 19, vmsUsed: 25000)),
            Facts().With(nameof(RestoreFacts.ComputeUsages), Forbidden("usages")),
            Facts().With(nameof(RestoreFacts.ResourceGroups), Groups(980)),
            Facts().With(nameof(RestoreFacts.VirtualNetwork), Missing(VnetId)),
            Facts().With(nameof(RestoreFacts.ExistingVm), Read("vm", "{}")).With(nameof(RestoreFacts.DnsAvailability), Forbidden("dns")),
            Facts(Request(r => r.SubnetId = VnetId + "/subnets/other")),
        };
        var results = variants.SelectMany(f => RestoreReadiness.Evaluate(f, new CultureInfo(culture))).ToList();
        Assert.Equal(new[] { CheckStatus.Pass, CheckStatus.Warning, CheckStatus.Fail, CheckStatus.Skipped }, results.Select(r => r.Status).Distinct().OrderBy(s => s));
        Assert.All(results, AssertRendered(culture));
    }

    [Fact]
    public void The_same_outcome_reads_in_each_language()
    {
        var vm = Scenario.Load("vm-and-agent.json").Inventories.First(v => new PowerStateCheck().Evaluate(v).Status == CheckStatus.Fail);
        string Message(string culture) => TestEvaluation.Runner<VmInventory>(new[] { new PowerStateCheck() }, culture).Run(vm).Single().Message;

        Assert.Contains("Azure Backup refuses", Message("en-US"));
        Assert.Contains("Backup di Azure rifiuta", Message("it-IT"));
        Assert.Contains("O Backup do Azure se recusa", Message("pt-BR"));
        Assert.Contains("Backup di Azure rifiuta", Message("it-CH")); // any Italian culture
        Assert.Equal(Message("en-US"), Message("fr-FR"));              // anything else is English
        Assert.Equal(Message("en-US"), Message(""));                   // the invariant culture too
    }

    [Fact]
    public void A_check_failure_is_reported_in_the_asked_language_with_the_exception_text()
    {
        var vm = Scenario.Load("healthy.json").Vm("vm-healthy");
        var result = TestEvaluation.Runner<VmInventory>(new ReadinessCheck[] { new ThrowingCheck() }, "pt-BR").Run(vm).Single();
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.StartsWith("A verificação não conseguiu avaliar esta VM", result.Message);
        Assert.Contains("boom", result.Message);
        Assert.Equal("Test.Throws", result.Title); // a check without texts is titled by its id
    }

    private sealed class ThrowingCheck : ReadinessCheck
    {
        public override string Id => "Test.Throws";
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = Array.Empty<string>();
        public override IReadOnlyList<string> Reads { get; } = Array.Empty<string>();
        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context) => throw new InvalidOperationException("boom");
    }

    private static Action<CheckResult> AssertRendered(string culture) => r =>
    {
        var language = culture.Substring(0, 2);
        Assert.Equal(language, r.Language);
        Assert.Equal(Phrases.CheckTexts.Text(r.CheckId + ".title", KnowledgeLanguages.FromCulture(new CultureInfo(culture))), r.Title);
        foreach (var text in new[] { r.Title, r.Message, r.Remediation ?? "" })
            Assert.False(Placeholder.IsMatch(text), $"{r.CheckId} on {r.VmName} ({culture}): unfilled placeholder in \"{text}\"");
        Assert.False(string.IsNullOrWhiteSpace(r.Message));
    };

    private static HashSet<string> Placeholders(string text) => Placeholder.Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
}
