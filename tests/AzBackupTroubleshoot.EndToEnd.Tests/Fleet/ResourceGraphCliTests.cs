using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>azbt's --inventory-source: the same verdicts either way, and a refused Resource Graph query is a scope error.</summary>
public sealed class ResourceGraphCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azbt-arg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> Verdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("vmId").GetString()!.ToLowerInvariant()}|{r.GetProperty("checkId").GetString()}|{r.GetProperty("status").GetString()}")
            .OrderBy(k => k, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Readiness_gives_the_same_verdicts_from_Resource_Graph_and_from_ARM()
    {
        var arm = await CliRun.Run("readiness", "--scenario", RepoPaths.DemoScenario, "--output", "json", "--inventory-source", "arm");
        var graph = await CliRun.Run("readiness", "--scenario", RepoPaths.DemoScenario, "--output", "json", "--inventory-source", "resource-graph");

        Assert.Equal(arm.Exit, graph.Exit);
        var verdicts = Verdicts(arm.Out);
        Assert.True(verdicts.Count > 20, $"only {verdicts.Count} results");
        Assert.Equal(verdicts, Verdicts(graph.Out));
    }

    [Fact]
    public async Task A_refused_Resource_Graph_query_is_a_partial_scope_not_a_pass()
    {
        // The demo with Resource Graph answering every query 400, as it does a query it cannot run.
        var scenario = JsonNode.Parse(File.ReadAllText(RepoPaths.DemoScenario), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var settings = scenario["settings"] as JsonObject ?? new JsonObject();
        scenario["settings"] = settings;
        var faults = settings["faults"] as JsonArray ?? new JsonArray();
        settings["faults"] = faults;
        faults.Add(new JsonObject { ["method"] = "POST", ["path"] = "^/providers/Microsoft.ResourceGraph/resources$", ["status"] = 400, ["errorCode"] = "InvalidQuery", ["times"] = 100 });
        var path = Path.Combine(_dir, "demo-arg-refused.json");
        File.WriteAllText(path, scenario.ToJsonString());

        var graph = await CliRun.Run("readiness", "--scenario", path, "--output", "json", "--inventory-source", "resource-graph");
        var arm = await CliRun.Run("readiness", "--scenario", path, "--output", "json", "--inventory-source", "arm");

        Assert.Equal(ExitCodes.ScopeErrors, graph.Exit);
        Assert.Empty(Verdicts(graph.Out));
        Assert.Contains("Resource Graph", graph.Err);
        Assert.Contains("InvalidQuery", graph.Err);
        Assert.NotEqual(ExitCodes.ScopeErrors, arm.Exit); // ARM itself is fine: only the Resource Graph path was refused
        Assert.NotEmpty(Verdicts(arm.Out));
    }

    [Fact]
    public async Task An_unknown_inventory_source_is_invalid_input()
    {
        var (exit, _, stderr) = await CliRun.Run("readiness", "--scenario", RepoPaths.DemoScenario, "--inventory-source", "graph");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--inventory-source", stderr);
    }
}
