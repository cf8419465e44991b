using System.Text;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Golden;

/// <summary>
/// Collection apart from evaluation: the demo collected once and saved, then evaluated from the file with no emulator
/// running gives the golden results byte for byte; the file holds no token and no secret property; a file of another
/// major version is refused.
/// </summary>
public sealed class SavedInventoryTests
{
    private const string Token = "eyJ0eXAiOiJKV1Qi.TOKEN-THAT-MUST-NOT-LEAK";
    private const string Password = "P@ssw0rd-THAT-MUST-NOT-LEAK";

    [Fact]
    public async Task A_saved_demo_inventory_evaluates_to_the_golden_results_offline()
    {
        var path = Path.Combine(Path.GetTempPath(), $"azbt-inventory-{Guid.NewGuid():N}.json");
        try
        {
            await using (var azure = await DemoGolden.StartDemoAsync())
            {
                var connection = azure.Connect();
                var scope = new ScanScope();
                foreach (var sub in await SubscriptionDiscovery.ListAsync(connection)) scope.AddSubscription(sub);
                await using var file = File.Create(path);
                var collected = new ArmInventoryCollector(connection, DemoGolden.Options()).CollectAsync(scope);
                await foreach (var _ in InventoryFile.RecordAsync(collected, file, DemoGolden.At)) { }
            }

            // The emulator is gone: only the file is read.
            var saved = InventoryFile.Load(path);
            Assert.Equal(DemoGolden.At, saved.CollectedAt);
            var options = DemoGolden.Options();
            options.Clock = () => saved.CollectedAt;
            var scanner = new ReadinessScanner(saved, CheckCatalog.All) { Options = options };
            var results = new List<CheckResult>();
            await foreach (var evt in scanner.ScanAsync(new ScanScope()))
            {
                Assert.IsNotType<ScopeErrorEvent>(evt);
                if (evt is ResultEvent r) results.Add(r.Result);
            }
            GoldenFile.AssertMatches(DemoGolden.Path, DemoGolden.Serialize(results));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_saved_file_holds_no_token_and_no_secret_property()
    {
        // The demo with an admin password on its first VM, as a careless template might leave it.
        var demo = JsonNode.Parse(File.ReadAllText(RepoPaths.DemoScenario), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var vm = demo["resources"]!.AsArray().First(r => (string?)r!["type"] == "Microsoft.Compute/virtualMachines")!;
        var osProfile = vm["properties"]!["osProfile"] as JsonObject ?? (JsonObject)(vm["properties"]!["osProfile"] = new JsonObject());
        osProfile["adminPassword"] = Password;
        await using var azure = await EmulatedAzure.StartAsync(Scenario.Parse(demo.ToJsonString(), DemoGolden.At));
        var options = azure.ConnectionOptions();
        options.AccessToken = Token;
        var connection = ArmConnection.Create(options);
        var scope = new ScanScope().AddVm((string)vm["id"]!);

        var seen = new StringBuilder();
        using var output = new MemoryStream();
        var collected = new ArmInventoryCollector(connection).CollectAsync(scope);
        await foreach (var evt in InventoryFile.RecordAsync(collected, output, DemoGolden.At))
            if (evt is InventoryEvent i) seen.Append(i.Inventory.Vm?.GetRawText());

        Assert.Contains(Password, seen.ToString());     // the emulator did serve it, so dropping it is what the file shows
        var saved = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains((string)vm["id"]!, saved);
        Assert.DoesNotContain(Password, saved);
        Assert.DoesNotContain("adminPassword", saved);
        Assert.DoesNotContain("TOKEN-THAT-MUST-NOT-LEAK", saved);
        Assert.DoesNotContain("Bearer", saved);
    }

    [Theory]
    [InlineData("""{ "schemaVersion": "2.0", "collectedAt": "2026-01-15T12:00:00Z", "vms": [], "scopeErrors": [] }""", "InventoryVersionUnsupported", "2.0")]
    [InlineData("""{ "vms": [] }""", "InventoryNotRecognized", "schemaVersion")]
    [InlineData("""not json""", "InventoryNotJson", "not valid JSON")]
    public void A_file_this_version_cannot_read_is_refused_with_a_clear_error(string content, string code, string said)
    {
        var path = Path.Combine(Path.GetTempPath(), $"azbt-inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<AzbtException>(() => InventoryFile.Load(path));
            Assert.Equal(FailureKind.InvalidInput, error.Kind);
            Assert.Equal(code, error.Code);
            Assert.Contains(said, error.Message);
            Assert.DoesNotContain("\n", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_newer_minor_version_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"azbt-inventory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "schemaVersion": "1.7", "collectedAt": "2026-01-15T12:00:00Z", "vms": [], "scopeErrors": [], "later": true }""");
        try
        {
            Assert.Empty(InventoryFile.Load(path).Vms);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
