using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Fleet;

/// <summary>
/// Through Resource Graph each VM goes to the checks on the VM alone as soon as its rows are in: the VM query returns the
/// VMs and their extensions keyed by the VM's lower-case id and ordered by that key, and a VM is complete once a row of
/// another key comes (<see cref="VmRowWalk"/>). Judged by what the emulator answered and was asked.
/// </summary>
public sealed class ResourceGraphVmStreamTests
{
    private const string GraphPath = "^/providers/Microsoft.ResourceGraph/resources$";

    private static string Key(CheckResult r) => $"{r.VmId.ToLowerInvariant()}|{r.CheckId}|{r.Status}|{r.Message}|{string.Join(",", r.Codes)}";

    /// <summary>
    /// VMs whose ids sort apart from their extensions by id (vm1, vm1-x, vm1_y: '-' and '_' sort between the end of
    /// 'vm1' and '/'), a VM whose extensions' ids spell it in another case, one in a resource group named "extensions";
    /// each VM with extensions in its model (one failed), cloned from a fleet VM so its other lists are real.
    /// </summary>
    private static (Scenario Scenario, List<string> VmIds) Tricky()
    {
        var scenario = FleetScenario.Generate(6, subscriptions: 1, seed: 21);
        var template = scenario.Resources("Microsoft.Compute/virtualMachines")[0];
        var group = ArmIds.ResourceGroupId(scenario.SubscriptionIds[0], ArmIds.ResourceGroupOf((string)template["id"]!)!);
        var other = ArmIds.ResourceGroupId(scenario.SubscriptionIds[0], "extensions");
        var vms = new List<(string Id, string ExtensionParent, string[] Extensions)>
        {
            ($"{group}/providers/Microsoft.Compute/virtualMachines/vm1", $"{group}/providers/Microsoft.Compute/virtualMachines/vm1", new[] { "VMSnapshotLinux", "CustomScript", "DependencyAgent" }),
            ($"{group}/providers/Microsoft.Compute/virtualMachines/vm1-x", $"{group}/providers/Microsoft.Compute/virtualMachines/vm1-x", new[] { "AzureMonitorLinuxAgent", "CustomScript" }),
            ($"{group}/providers/Microsoft.Compute/virtualMachines/vm1_y", $"{group}/providers/Microsoft.Compute/virtualMachines/vm1_y", new[] { "CustomScript" }),
            ($"{group}/providers/Microsoft.Compute/virtualMachines/VM2", $"{group.ToLowerInvariant()}/providers/microsoft.compute/virtualmachines/vm2", new[] { "VMSnapshotLinux", "CustomScript" }),
            ($"{other}/providers/Microsoft.Compute/virtualMachines/vm3", $"{other}/providers/Microsoft.Compute/virtualMachines/vm3", new[] { "CustomScript" }),
        };
        foreach (var (id, parent, extensions) in vms)
        {
            var vm = template.DeepClone().AsObject();
            vm["id"] = id;
            vm["name"] = ArmIds.NameOf(id);
            vm["resources"] = new JsonArray(extensions.Select(name => (JsonNode)new JsonObject
            {
                ["id"] = $"{parent}/extensions/{name}",
                ["name"] = name,
                ["type"] = "Microsoft.Compute/virtualMachines/extensions",
                ["location"] = (string?)template["location"],
                ["properties"] = new JsonObject
                {
                    ["publisher"] = name == "VMSnapshotLinux" ? "Microsoft.Azure.RecoveryServices" : "Microsoft.Azure.Extensions",
                    ["type"] = name,
                    ["typeHandlerVersion"] = "1.0",
                    // A failed extension only the model shows: the extension checks judge it only if it is attached.
                    ["provisioningState"] = name == "CustomScript" ? "Failed" : "Succeeded",
                },
            }).ToArray());
            scenario.Add(vm);
        }
        return (scenario, vms.Select(v => v.Id).ToList());
    }

    [Fact]
    public async Task A_VM_whose_extensions_come_on_later_pages_gets_every_one_and_the_verdicts_ARM_gives()
    {
        var (scenario, tricky) = Tricky();
        // Two rows a page: a VM and its first extension fill one, the others come on the pages after.
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = 2 });
        var scope = new ScanScope().AddSubscription(scenario.SubscriptionIds[0]);

        // The premise, from the emulator's answers to the engine's VM query: each VM's rows are adjacent, VM first,
        // and some VM's rows are split over pages.
        var pages = await VmQueryPagesAsync(azure, scenario.SubscriptionIds[0]);
        var rows = pages.SelectMany((page, n) => page.Select(r => (Page: n, Key: (string)r["vmKey"]!, Id: (string)r["id"]!, Type: (string)r["type"]!))).ToList();
        var groups = rows.Select(r => r.Key).Distinct().ToList();
        Assert.Equal(groups.Count, rows.Select((r, i) => (r.Key, Start: i == 0 || rows[i - 1].Key != r.Key)).Count(r => r.Start));
        foreach (var vmId in tricky)
        {
            var own = rows.Where(r => r.Key == vmId.ToLowerInvariant()).ToList();
            Assert.Equal(vmId, own[0].Id);
            Assert.True(own.Skip(1).All(r => r.Type == "microsoft.compute/virtualmachines/extensions"), vmId);
        }
        var vm1 = rows.Where(r => r.Key == tricky[0].ToLowerInvariant()).ToList();
        Assert.True(vm1.Last().Page > vm1.First().Page, "vm1's extensions all came on its own page");

        var now = DateTimeOffset.UtcNow;
        var arm = await azure.ScanAsync(scope, configure: o => { o.InventorySource = InventorySourceKind.Arm; o.Clock = () => now; });
        var graph = await azure.ScanAsync(scope, configure: o => { o.InventorySource = InventorySourceKind.ResourceGraph; o.Clock = () => now; });

        Assert.Empty(graph.Errors);
        Assert.Equal(11, graph.Results.Select(r => r.VmId.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(arm.Results.Select(Key).OrderBy(k => k), graph.Results.Select(Key).OrderBy(k => k));
        // The failed extension only the model shows was judged on every tricky VM: it was attached.
        foreach (var vmId in tricky)
            Assert.Contains(graph.Results, r => ArmIds.Same(r.VmId, vmId) && r.CheckId == "Extension.OtherExtensions" && r.Status == CheckStatus.Warning
                && r.Message.Contains("CustomScript", StringComparison.Ordinal));

        // And the inventories are the same, extensions included.
        var options = new ScanOptions { Clock = () => now };
        var armInventories = await ResourceGraphRowShapeTests.InventoriesAsync(new ArmInventoryCollector(azure.Connect(), options), scope, now);
        var graphInventories = await ResourceGraphRowShapeTests.InventoriesAsync(new ResourceGraphInventorySource(azure.Connect(), options), scope, now);
        Assert.Equal(armInventories.Keys.OrderBy(k => k), graphInventories.Keys.OrderBy(k => k));
        foreach (var (vmId, expected) in armInventories)
            Assert.True(JsonNode.DeepEquals(expected, graphInventories[vmId]), $"{vmId}: the inventories differ");
        Assert.Equal(3, graphInventories[tricky[0].ToLowerInvariant()]["vm"]!["resources"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_first_result_comes_before_the_VM_querys_second_page_is_answered()
    {
        var scenario = FleetScenario.Generate(60, subscriptions: 2, seed: 22);
        await using var azure = await EmulatedAzure.StartAsync(scenario, new EmulatorOptions { ResourceGraphPageSize = 10 });
        // The VM query's second page (the first whose body names the key column and carries a $skipToken) is held 8 s.
        azure.Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = GraphPath, BodyPattern = @"vmKey.*""\$skipToken""", Status = 0, Delay = TimeSpan.FromSeconds(8), Times = 1 });
        var scope = new ScanScope().AddSubscription(scenario.SubscriptionIds[0]).AddSubscription(scenario.SubscriptionIds[1]);
        int VmPagesAnswered() => azure.Emulator.ResourceGraphCalls.Count(c => c.Query.Contains(VmRowWalk.KeyColumn, StringComparison.Ordinal));

        var scanner = new ReadinessScanner(azure.Connect());
        scanner.Options.InventorySource = InventorySourceKind.ResourceGraph;
        int? pagesAtFirst = null;
        CheckResult? first = null;
        var vms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var evt in scanner.ScanAsync(scope))
        {
            if (evt is not ResultEvent r) continue;
            pagesAtFirst ??= VmPagesAnswered();
            first ??= r.Result;
            vms.Add(r.Result.VmId);
        }

        Assert.Equal(1, pagesAtFirst);
        Assert.Equal(ReadinessStep.VmAlone, CheckCatalog.Find(first!.CheckId)!.Step);
        // Ten rows a page in key order: the first page holds the first subscription's first ten VMs.
        var firstPage = scenario.Resources("Microsoft.Compute/virtualMachines").Select(v => (string)v["id"]!)
            .OrderBy(id => id.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase).Take(10);
        Assert.Contains(first.VmId, firstPage, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(6, VmPagesAnswered());
        Assert.Equal(60, vms.Count);
    }

    /// <summary>The engine's VM query, every page, as the emulator answers it.</summary>
    private static async Task<List<List<JsonObject>>> VmQueryPagesAsync(EmulatedAzure azure, string subscription)
    {
        var json = azure.Connect().Json;
        var pages = new List<List<JsonObject>>();
        string? token = null;
        do
        {
            var options = new Dictionary<string, object> { ["resultFormat"] = "objectArray" };
            if (token != null) options["$skipToken"] = token;
            var body = new Dictionary<string, object> { ["subscriptions"] = new[] { subscription }, ["query"] = VmRowWalk.Query("id, name, type"), ["options"] = options };
            var answer = JsonNode.Parse((await json.SendAsync("POST", ResourceGraphReader.Path, ApiVersions.ResourceGraph, body)).Body!.Value.GetRawText())!;
            pages.Add(answer["data"]!.AsArray().Select(r => r!.AsObject()).ToList());
            token = (string?)answer["$skipToken"];
        } while (token != null);
        return pages;
    }
}
