using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Golden;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.EndToEnd.Tests.Repairs;
using AzBackupTroubleshoot.EndToEnd.Tests.Restore;
using AzBackupTroubleshoot.EndToEnd.Tests.Triage;
using AzBackupTroubleshoot.Repairs;
using AzBackupTroubleshoot.Restore;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Conformance;

/// <summary>
/// Every request the engine sends, checked against tests/.../Conformance/arm-requests.json: the operations the official
/// Azure REST API specs document, each row naming the spec file and the commit it was read from (docs/arm-requests.md).
/// The engine runs a full demo scan (subscription, resource group and VM scopes), every repair, a triage and the restore
/// pre-checks against the emulator; the emulator's request log is the record of what went on the wire.
/// </summary>
public sealed class RequestConformanceTests
{
    [Fact]
    public async Task Every_request_of_scans_repairs_triage_and_restore_checks_is_in_the_conformance_table()
    {
        var table = ConformanceTable.Load();
        var sent = new List<(string Method, string Path, string Query, int Status)>();

        await using (var demo = await DemoGolden.StartDemoAsync())
        {
            await ScanDemoAsync(demo);
            await RepairDemoAsync(demo);
            sent.AddRange(demo.Emulator.Requests.Entries.Select(e => (e.Method, e.Path, e.Query, e.Status)));
        }
        await using (var failures = await FailuresScenario.StartAsync())
        {
            var (diagnoses, _) = await FailuresScenario.DiagnoseAsync(failures, "en-US");
            Assert.NotEmpty(diagnoses);
            sent.AddRange(failures.Emulator.Requests.Entries.Select(e => (e.Method, e.Path, e.Query, e.Status)));
        }
        await using (var restore = await EmulatedAzure.StartAsync(AzBackupTroubleshoot.Emulator.Scenario.Load(RestoreScenario.Path)))
        {
            var readiness = new RestoreReadiness(restore.Connect(maxRetries: 0));
            foreach (var target in new[] { RestoreScenario.TargetGroup, RestoreScenario.Group(RestoreScenario.CrossSubscription, "rg-restore-we") })
            {
                var report = await readiness.CheckAsync(new RestoreRequest { SourceVmId = RestoreScenario.Vm("vm-app-01"), VaultId = RestoreScenario.Vault, TargetResourceGroupId = target });
                Assert.NotEmpty(report.Results);
            }
            sent.AddRange(restore.Emulator.Requests.Entries.Select(e => (e.Method, e.Path, e.Query, e.Status)));
        }

        Assert.True(sent.Count > 100, $"only {sent.Count} requests were recorded");
        var outside = sent.Select(r => table.Explain(r.Method, r.Path, r.Query)).Where(reason => reason != null).Distinct().ToList();
        Assert.True(outside.Count == 0, "Requests not in the conformance table:\n" + string.Join("\n", outside));
        // every row is still used: a row nothing sends is a stale claim about the engine
        var unused = table.Rows.Where(row => !row.NotInDemo && !sent.Any(r => row.Matches(r.Method, r.Path, ConformanceTable.ParseQuery(r.Query)) == null)).Select(r => r.OperationId).ToList();
        Assert.True(unused.Count == 0, "Rows no request used: " + string.Join(", ", unused));
    }

    [Theory]
    [InlineData("GET", "/subscriptions/s/providers/Microsoft.Compute/virtualMachines", "?api-version=2023-07-01&$expand=instanceView")]
    [InlineData("GET", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines", "?api-version=2023-07-01&$expand=instanceView")]
    [InlineData("GET", "/subscriptions/s/providers/Microsoft.Compute/virtualMachines", "?api-version=2099-01-01")]
    [InlineData("GET", "/subscriptions/s/providers/Microsoft.Compute/restorePointCollections", "?api-version=2023-07-01&$expand=restorePoints")]
    [InlineData("DELETE", "/subscriptions/s/providers/Microsoft.Compute/virtualMachines", "?api-version=2023-07-01")]
    public void The_table_refuses_what_the_specs_do_not_document(string method, string path, string query)
        => Assert.NotNull(ConformanceTable.Load().Explain(method, path, query));

    [Theory]
    [InlineData("GET", "/subscriptions/s/providers/Microsoft.Compute/virtualMachines", "?api-version=2023-07-01&statusOnly=true")]
    [InlineData("GET", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "?api-version=2023-07-01&$expand=instanceView")]
    public void The_table_accepts_the_documented_forms(string method, string path, string query)
        => Assert.Null(ConformanceTable.Load().Explain(method, path, query));

    /// <summary>docs/arm-requests.md's table is the JSON's rows (AZBT_UPDATE_DOCS=1 rewrites it).</summary>
    [Fact]
    public void The_docs_page_lists_the_table()
    {
        const string page = "docs/arm-requests.md";
        const string begin = "<!-- generated: arm-requests -->", end = "<!-- end generated -->";
        var full = Path.Combine(RepoPaths.Root, page);
        var text = File.ReadAllText(full).Replace("\r\n", "\n");
        var table = ConformanceTable.Load();
        var lines = new List<string> { begin, "", "| Operation | Method | Path | api-version | Query parameters sent | Spec file @ commit |", "|---|---|---|---|---|---|" };
        foreach (var row in table.Rows)
        {
            var query = row.Query.Count == 0 ? "—" : string.Join(", ", row.Query.Select(q => q.Value == null ? $"`{q.Key}`" : string.Join(", ", q.Value.Select(v => $"`{q.Key}={v}`"))));
            if (row.Pageable) query += " (+ the server's nextLink)";
            lines.Add($"| {row.OperationId} | {row.Method} | `{row.PathTemplate}` | {row.ApiVersion} | {query.Replace("|", "\\|")} | `{row.Spec}` @ `{row.Commit[..12]}` |");
        }
        lines.Add("");
        lines.Add(end);
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"{page} has no generated block");
        var expected = text[..start] + string.Join("\n", lines) + text[(stop + end.Length)..];
        if (Environment.GetEnvironmentVariable("AZBT_UPDATE_DOCS") == "1") { File.WriteAllText(full, expected); return; }
        Assert.True(expected == text, $"{page} is stale: rerun with AZBT_UPDATE_DOCS=1");
    }

    private static async Task ScanDemoAsync(EmulatedAzure demo)
    {
        var connection = demo.Connect();
        var subscriptions = await SubscriptionDiscovery.ListAsync(connection);
        var all = new ScanScope();
        foreach (var sub in subscriptions) all.AddSubscription(sub);
        var vms = demo.Emulator.Scenario.Resources("Microsoft.Compute/virtualMachines").Select(v => (string)v["id"]!).ToList();
        var one = vms[0];
        var group = ArmGroup(one);
        var scopes = new[]
        {
            all,
            new ScanScope().AddResourceGroup(group.Subscription, group.Name),
            new ScanScope().AddVm(one),
        };
        foreach (var scope in scopes)
        {
            var scanner = new ReadinessScanner(connection) { Options = DemoGolden.Options() };
            var results = 0;
            await foreach (var evt in scanner.ScanAsync(scope))
                if (evt is ResultEvent) results++;
            Assert.True(results > 0);
        }
        // The whole demo once more with the lists from Resource Graph (what auto picks for many subscriptions).
        var graph = new ReadinessScanner(connection) { Options = DemoGolden.Options() };
        graph.Options.InventorySource = InventorySourceKind.ResourceGraph;
        var graphResults = 0;
        await foreach (var evt in graph.ScanAsync(all))
            if (evt is ResultEvent) graphResults++;
        Assert.True(graphResults > 0);
    }

    private static async Task RepairDemoAsync(EmulatedAzure demo)
    {
        var connection = demo.Connect();
        string Vm(string name) => demo.Emulator.Scenario.Resources("Microsoft.Compute/virtualMachines").Select(v => (string)v["id"]!)
            .Single(id => id.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase));
        var journal = RepairHarness.NewJournalDirectory();
        var options = RepairHarness.Options(journal);
        bool Yes(PlannedAction _) => true;

        await VmRepairs.CleanUpRestorePointsAsync(connection, Vm("vm-restorepoints-readonly"), new RestorePointCleanupOptions { RemoveLock = true, StartBackup = true }, options, Yes, CancellationToken.None, RepairHarness.FastDelete);
        await VmRepairs.CleanUpRestorePointsAsync(connection, Vm("vm-restorepoints-18"), new RestorePointCleanupOptions { KeepLatest = 10 }, options, Yes, CancellationToken.None, RepairHarness.FastDelete);
        await VmRepairs.RemoveBackupExtensionAsync(connection, Vm("vm-snapshot-failed"), options, Yes, CancellationToken.None, RepairHarness.FastDelete);
        await VmRepairs.StartBackupAsync(connection, Vm("vm-restorepoints-16"), DateTimeOffset.UtcNow.AddDays(30), options, Yes, CancellationToken.None);

        var control = new BackupJobControl(connection);
        var running = demo.Emulator.Scenario.Resources("Microsoft.RecoveryServices/vaults/backupJobs")
            .First(j => (string?)j["properties"]?["status"] == "InProgress" && (string?)j["properties"]?["entityFriendlyName"] == "vm-job-running");
        var job = await control.GetJobAsync((string)running["id"]!, CancellationToken.None);
        await control.CancelAsync("vm-job-running", job, CancellationToken.None);

        await LockJournalResume.RunAsync(connection, journal, null, dryRun: false);
    }

    private static (string Subscription, string Name) ArmGroup(string vmId)
    {
        var parts = vmId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (parts[1], parts[3]);
    }
}
