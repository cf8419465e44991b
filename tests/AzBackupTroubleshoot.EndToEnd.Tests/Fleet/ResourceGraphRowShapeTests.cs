using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Engine.Tests.Collect;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Resource Graph's rows are not ARM's resources (lower-case types, "" for string columns a resource lacks, protected
/// items with currentProtectionState and dataSourceInfo, policy ids in lower case: docs/emulator.md cites the
/// sources). The emulator serves them so; the engine turns them back, so each VM's inventory is the same through both.
/// </summary>
public sealed class ResourceGraphRowShapeTests
{
    [Fact]
    public async Task The_emulator_serves_Recovery_Services_rows_in_Resource_Graphs_shape()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var json = azure.Connect().Json;
        async Task<JsonArray> Rows(string type)
        {
            var body = new { subscriptions = new[] { ResourceGraphTests.Production }, query = $"RecoveryServicesResources | where type =~ '{type}' | project id, name, type, location, kind, managedBy, identity, properties | order by id asc" };
            var answer = await json.SendAsync("POST", ResourceGraphReader.Path, ApiVersions.ResourceGraph, body);
            return (JsonArray)JsonNode.Parse(answer.Body!.Value.GetRawText())!["data"]!;
        }

        var items = await Rows("microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems");
        Assert.NotEmpty(items);
        foreach (var item in items.Select(i => i!.AsObject()))
        {
            Assert.Equal("microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems", (string?)item["type"]);
            Assert.Contains("/providers/Microsoft.RecoveryServices/vaults/", (string)item["id"]!); // items keep ARM's casing
            Assert.Equal("", (string?)item["kind"]);
            Assert.Equal("", (string?)item["managedBy"]);
            Assert.Null(item["identity"]);
            Assert.True(item.ContainsKey("identity"));
            var properties = item["properties"]!.AsObject();
            Assert.Equal((string?)properties["sourceResourceId"], (string?)properties["dataSourceInfo"]?["resourceID"]);
            Assert.NotNull((string?)properties["currentProtectionState"]);
        }
        Assert.Contains(items, i => (string?)i!["properties"]!["currentProtectionState"] == "ProtectionConfigured");

        var policies = await Rows("microsoft.recoveryservices/vaults/backuppolicies");
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Equal(((string)p!["id"]!).ToLowerInvariant(), (string)p["id"]!));
        Assert.Contains(policies, p => (string)p!["name"]! != ((string)p["name"]!).ToLowerInvariant()); // the name keeps its casing

        var jobs = await Rows("microsoft.recoveryservices/vaults/backupjobs");
        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.Contains("/providers/Microsoft.RecoveryServices/vaults/", (string)j!["id"]!));
    }

    [Fact]
    public async Task Each_VMs_inventory_is_the_same_through_Resource_Graph_as_through_ARM()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var scope = new ScanScope().AddSubscription(ResourceGraphTests.Production).AddSubscription(ResourceGraphTests.Development);
        var now = DateTimeOffset.UtcNow;
        var options = new ScanOptions { Clock = () => now };

        var arm = await InventoriesAsync(new ArmInventoryCollector(azure.Connect(), options), scope, now);
        var graph = await InventoriesAsync(new ResourceGraphInventorySource(azure.Connect(), options), scope, now);

        Assert.NotEmpty(azure.Emulator.ResourceGraphCalls);
        Assert.True(arm.Count > 5, $"only {arm.Count} VMs");
        Assert.Equal(arm.Keys.OrderBy(k => k), graph.Keys.OrderBy(k => k));
        foreach (var (vmId, expected) in arm)
            Assert.True(JsonNode.DeepEquals(expected, graph[vmId]), $"{vmId}: {FirstDifference(expected, graph[vmId], "$")}");
    }

    [Fact]
    public async Task The_emulators_rows_convert_to_the_text_the_JsonNode_conversion_gave()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var json = azure.Connect().Json;
        var subscriptions = new[] { ResourceGraphTests.Production, ResourceGraphTests.Development };
        var rows = new List<JsonElement>();
        foreach (var query in new ResourceGraphReader(null!, DateTimeOffset.UtcNow, new GraphQuota()).Queries())
        {
            var body = new { subscriptions, query, options = new Dictionary<string, object> { ["$top"] = 1000, ["resultFormat"] = "objectArray" } };
            var answer = await json.SendAsync("POST", ResourceGraphReader.Path, ApiVersions.ResourceGraph, body);
            rows.AddRange(answer.Body!.Value.GetProperty("data").EnumerateArray());
        }
        Assert.True(rows.Count > 50, $"only {rows.Count} rows");

        var before = rows.Select(JsonNodeRowConversion.ToArm).ToList();
        var after = ResourceGraphRows.ToArm(rows);
        Assert.Equal(before.Select(r => r.GetRawText()), after.Select(r => Encoding.UTF8.GetString(r.Utf8)));
        Assert.Equal(before.Select(r => r.Id()), after.Select(r => r.Id));
        Assert.Equal(before.Select(r => r.Str("type")), after.Select(r => r.Type));

        // The VM models with their extensions (the VM query's rows walked), and the rest in ARM's arrangement, as the reader puts them together.
        static bool OfVmQuery(string? type) => type == ResourceTypes.VirtualMachine || type == ResourceGraphRows.ExtensionType;
        var walkBefore = new ElementVmRowWalk();
        var walkAfter = new VmRowWalk();
        var vmsBefore = walkBefore.Add(before.Where(r => OfVmQuery(r.Str("type"))).ToList());
        vmsBefore.AddRange(walkBefore.End());
        var vmsAfter = walkAfter.Add(after.Where(r => OfVmQuery(r.Type)).ToList());
        vmsAfter.AddRange(walkAfter.End());
        Assert.Contains(vmsAfter, vm => vm.Parse().TryGetProperty("resources", out _));
        Assert.Equal(vmsBefore.Select(r => r.GetRawText()), vmsAfter.Select(r => Encoding.UTF8.GetString(r.Utf8)));
        var restBefore = before.Where(r => !OfVmQuery(r.Str("type"))).ToList();
        var restAfter = after.Where(r => !OfVmQuery(r.Type)).ToList();
        JsonNodeRowConversion.Arrange(restBefore);
        ResourceGraphRows.Arrange(restAfter);
        Assert.Equal(restBefore.Select(r => r.GetRawText()), restAfter.Select(r => Encoding.UTF8.GetString(r.Utf8)));
        Assert.Equal(restBefore.Select(r => r.Id()), restAfter.Select(r => r.Id));
    }

    /// <summary>Where two JSON trees first differ, and how (for the failure message: inventories are large).</summary>
    private static string FirstDifference(JsonNode? arm, JsonNode? graph, string path)
    {
        if (arm is JsonObject a && graph is JsonObject g)
        {
            foreach (var key in a.Select(p => p.Key).Union(g.Select(p => p.Key)))
            {
                if (!a.ContainsKey(key) || !g.ContainsKey(key)) return $"{path}.{key}: ARM {a[key]?.ToJsonString() ?? "(absent)"}, Resource Graph {g[key]?.ToJsonString() ?? "(absent)"}";
                if (!JsonNode.DeepEquals(a[key], g[key])) return FirstDifference(a[key], g[key], $"{path}.{key}");
            }
        }
        if (arm is JsonArray x && graph is JsonArray y && x.Count == y.Count)
            for (var i = 0; i < x.Count; i++)
                if (!JsonNode.DeepEquals(x[i], y[i])) return FirstDifference(x[i], y[i], $"{path}[{i}]");
        return $"{path}: ARM {arm?.ToJsonString()}, Resource Graph {graph?.ToJsonString()}";
    }

    /// <summary>Each VM's saved inventory by lower-case id, in the form both sources can be compared in (also ResourceGraphVmStreamTests).</summary>
    internal static async Task<Dictionary<string, JsonNode>> InventoriesAsync(IInventorySource source, ScanScope scope, DateTimeOffset now)
    {
        using var file = new MemoryStream();
        await foreach (var _ in InventoryFile.RecordAsync(source.CollectAsync(scope), file, now)) { }
        var vms = JsonNode.Parse(file.ToArray())!["vms"]!.AsArray();
        foreach (var vm in vms)
        {
            // The rows hold a VM's extensions but not the order of its model's "resources" array (nor an empty one): compared in id order.
            if (vm!["vm"]?["resources"] is JsonArray extensions)
                vm["vm"]!["resources"] = new JsonArray(extensions.OrderBy(e => (string?)e!["id"], StringComparer.OrdinalIgnoreCase).Select(e => e!.DeepClone()).ToArray());
            if (vm["vm"]?["resources"] is JsonArray { Count: 0 }) vm["vm"]!.AsObject().Remove("resources");
            // Both give each vault's jobs newest first; across vaults the ARM collector keeps the order it read the vaults in.
            vm["jobs"] = new JsonArray(vm["jobs"]!.AsArray().OrderByDescending(j => (string?)j!["properties"]?["startTime"], StringComparer.Ordinal)
                .ThenBy(j => (string?)j!["id"], StringComparer.OrdinalIgnoreCase).Select(j => j!.DeepClone()).ToArray());
            // How the VM was sent, not what it holds: through Resource Graph its restore points may be read before the
            // lists are in, and then the VM goes out once, complete (ResourceGraphPipelineTests).
            vm.AsObject().Remove("streamedEarly");
        }
        return vms.ToDictionary(v => ((string)v!["vmId"]!).ToLowerInvariant(), v => (JsonNode)v!);
    }
}
