using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>
/// `azbt collect --out` and `azbt readiness --input`: the demo collected from one emulator and evaluated from the file
/// gives the live scan's results; the file holds no token; a part of the scope that could not be read is recorded and
/// reported again offline; --tag selects by tag; bad input is one line and exit 2, with no file left behind.
/// </summary>
public sealed class InventoryCliTests : IDisposable
{
    private const string Token = "eyJ0eXAiOiJKV1Qi.CLI-TOKEN-THAT-MUST-NOT-LEAK";
    private readonly TempFolder _temp = new("azbt-inventory-cli-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static string[] Connect(EmulatedAzure azure, params string[] args)
        => args.Concat(new[] { "--endpoint", azure.Emulator.Endpoint.ToString(), "--pin-sha256", azure.Emulator.CertificateSha256, "--access-token", Token }).ToArray();

    /// <summary>Results in a stable order (a live scan writes them as subscriptions complete).</summary>
    private static List<string> Sorted(string json)
        => JsonNode.Parse(json)!.AsArray()
            .Select(r => (Key: (string)r!["vmId"]! + "|" + (string)r["checkId"]!, Text: r.ToJsonString()))
            .OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text).ToList();

    [Fact]
    public async Task A_collected_demo_evaluates_offline_to_the_live_scans_results()
    {
        var file = Path.Combine(_dir, "inventory.json");
        await using var azure = await EmulatedAzure.StartDemoAsync();

        var collect = await CliRun.Run(Connect(azure, "collect", "--out", file));
        Assert.Equal(ExitCodes.Success, collect.Exit);
        Assert.Equal("", collect.Out);
        Assert.Contains("52 VM(s) collected to", collect.Err);
        var live = await CliRun.Run(Connect(azure, "readiness", "--output", "json"));
        azure.Emulator.Requests.Reset();
        var offline = await CliRun.Run("readiness", "--input", file, "--output", "json");
        Assert.Equal(0, azure.Emulator.Requests.Total);     // evaluated from the file alone

        Assert.Equal(ExitCodes.ChecksFailed, offline.Exit);
        Assert.Equal(live.Exit, offline.Exit);
        var expected = Sorted(live.Out);
        Assert.Equal(1225, expected.Count);
        Assert.Equal(expected, Sorted(offline.Out));
        var again = await CliRun.Run("readiness", "--input", file, "--output", "json");
        Assert.Equal(offline.Out, again.Out);

        var saved = File.ReadAllText(file);
        Assert.DoesNotContain(Token, saved);
        Assert.DoesNotContain("CLI-TOKEN", saved);
        Assert.Empty(Directory.GetFiles(_dir, "*.partial-*"));
    }

    [Fact]
    public async Task A_scope_that_could_not_be_read_is_recorded_and_reported_again_offline()
    {
        var file = Path.Combine(_dir, "partial.json");
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var sub = (string)JsonNode.Parse(File.ReadAllText(RepoPaths.DemoScenario), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!["subscriptions"]![0]!["subscriptionId"]!;
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = $"^/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 1000 });

        var collect = await CliRun.Run(Connect(azure, "collect", "--out", file));

        Assert.Equal(ExitCodes.ScopeErrors, collect.Exit);
        Assert.Contains("error: ", collect.Err);
        Assert.Contains("scope(s) could not be read", collect.Err);
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var errors = doc.RootElement.GetProperty("scopeErrors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(doc.RootElement.GetProperty("vms").EnumerateArray(), vm => Assert.DoesNotContain(sub, vm.GetProperty("vmId").GetString()));

        var offline = await CliRun.Run("readiness", "--input", file, "--output", "json");
        Assert.Contains(errors[0].GetProperty("errorId").GetString()!, offline.Err);
        Assert.Contains($"{errors.Count} scope error(s)", offline.Err);
    }

    [Fact]
    public async Task Tag_selects_the_checks_that_carry_it_live_and_offline()
    {
        var file = Path.Combine(_dir, "tags.json");
        await using var azure = await EmulatedAzure.StartDemoAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.Run(Connect(azure, "collect", "--out", file, "--skip-restore-points"))).Exit);

        var offline = await CliRun.Run("readiness", "--input", file, "--tag", "locks", "--output", "json");
        var checks = JsonNode.Parse(offline.Out)!.AsArray().Select(r => (string)r!["checkId"]!).Distinct().ToList();

        var tagged = CheckCatalog.All.Where(c => c.Tags.Contains("locks", StringComparer.OrdinalIgnoreCase)).Select(c => c.Id).ToList();
        Assert.NotEmpty(tagged);
        Assert.True(tagged.Count < CheckCatalog.All.Count);
        Assert.Equal(tagged.OrderBy(c => c), checks.OrderBy(c => c));

        var live = await CliRun.Run(Connect(azure, "readiness", "--tag", "locks", "--output", "json"));
        Assert.Equal(tagged.OrderBy(c => c), JsonNode.Parse(live.Out)!.AsArray().Select(r => (string)r!["checkId"]!).Distinct().OrderBy(c => c));
    }

    public static TheoryData<string, string[]> BadInventoryInput => new()
    {
        { "--input with a scope", new[] { "readiness", "--input", "{inventory}", "--vm", "/subscriptions/6d1e0f2a-3b4c-4d5e-8f60-7a8b9c0d1e2f/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm" } },
        { "--input with --scenario", new[] { "readiness", "--input", "{inventory}", "--scenario", "{inventory}" } },
        { "--input with --skip-restore-points", new[] { "readiness", "--input", "{inventory}", "--skip-restore-points" } },
        { "--input that does not exist", new[] { "readiness", "--input", "{dir}/missing.json" } },
        { "--input that is not JSON", new[] { "readiness", "--input", "{dir}/not-json.json" } },
        { "--input that is a results file", new[] { "readiness", "--input", "{dir}/results.json" } },
        { "--input of another major version", new[] { "readiness", "--input", "{dir}/v2.json" } },
        { "--input with an unknown tag", new[] { "readiness", "--input", "{inventory}", "--tag", "no-such-tag" } },
        { "collect without --out", new[] { "collect", "--scenario", "{demo}" } },
        { "collect into a folder that does not exist", new[] { "collect", "--scenario", "{demo}", "--out", "{dir}/nope/inventory.json" } },
        { "collect with a bad --vm", new[] { "collect", "--scenario", "{demo}", "--out", "{dir}/x.json", "--vm", "not-an-id" } },
    };

    [Theory]
    [MemberData(nameof(BadInventoryInput))]
    public async Task Bad_inventory_input_is_one_line_and_exit_2_with_no_file_written(string name, string[] template)
    {
        File.WriteAllText(Path.Combine(_dir, "not-json.json"), "{ this is not json");
        File.WriteAllText(Path.Combine(_dir, "results.json"), "[]");
        File.WriteAllText(Path.Combine(_dir, "v2.json"), """{ "schemaVersion": "2.0", "collectedAt": "2026-01-01T00:00:00Z", "vms": [], "scopeErrors": [] }""");
        var inventory = Path.Combine(_dir, "inventory.json");
        File.WriteAllText(inventory, """{ "schemaVersion": "1.0", "collectedAt": "2026-01-01T00:00:00Z", "vms": [], "scopeErrors": [] }""");
        var before = Directory.GetFiles(_dir).Length;
        var args = template.Select(a => a.Replace("{inventory}", inventory).Replace("{dir}", _dir).Replace("{demo}", RepoPaths.DemoScenario)).ToArray();

        var (exit, stdout, stderr) = await CliRun.Run(args);

        Assert.True(exit == ExitCodes.InvalidInput, $"{name}: exit {exit}, {stderr}");
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal(before, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public async Task An_empty_inventory_evaluates_to_nothing_and_exits_zero()
    {
        var inventory = Path.Combine(_dir, "empty.json");
        File.WriteAllText(inventory, """{ "schemaVersion": "1.0", "collectedAt": "2026-01-01T00:00:00Z", "vms": [], "scopeErrors": [] }""");
        var (exit, stdout, _) = await CliRun.Run("readiness", "--input", inventory, "--output", "json");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(JsonNode.Parse(stdout)!.AsArray());
    }
}
