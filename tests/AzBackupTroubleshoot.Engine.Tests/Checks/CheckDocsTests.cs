using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>
/// docs/checks/README.md's index and every check page's header are generated from the check definitions. This test
/// regenerates them and fails when the committed files differ; AZBT_UPDATE_DOCS=1 writes them instead (and creates the
/// page of a new check with its sections to fill in).
/// </summary>
public sealed class CheckDocsTests
{
    private const string UpdateVariable = "AZBT_UPDATE_DOCS";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    [Fact]
    public void The_index_and_the_page_headers_match_the_definitions()
    {
        var root = CheckCatalogTests.RepoRoot();
        var stale = new List<string>();
        void Keep(string relative, string? current, string expected)
        {
            if (current == expected) return;
            if (Updating) File.WriteAllText(Path.Combine(root, relative), expected);
            else stale.Add(relative);
        }

        var index = Path.Combine("docs", "checks", "README.md");
        var readme = File.ReadAllText(Path.Combine(root, index)).Replace("\r\n", "\n");
        Keep(index, readme, CheckDocs.Replace(readme, CheckDocs.Index(CheckCatalog.Default)));

        foreach (var check in CheckCatalog.All)
        {
            var path = Path.Combine(root, check.DocPage);
            var page = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            Keep(check.DocPage, page, page == null ? CheckDocs.NewPage(check) : CheckDocs.Replace(page, CheckDocs.Header(check)));
        }

        Assert.True(stale.Count == 0, $"Generated docs are stale or missing: {string.Join(", ", stale)}. Rerun with {UpdateVariable}=1 and commit the files.");
    }

    [Fact]
    public void The_header_says_what_the_definition_says()
    {
        var check = CheckCatalog.Find("Jobs.BackupInProgress")!;
        var header = CheckDocs.Header(check);
        Assert.Contains("| Warning | `UserErrorBackupOperationInProgress`, `NoCode.CommandExecutionFailedOperationInProgress`, `NoCode.BackupOrRestoreTakesLong` | `Stop-AzVmBackupJob` | vaults | jobs |", header);
    }

    [Fact]
    public void A_stale_block_is_replaced_and_a_page_without_markers_is_refused()
    {
        var page = $"# X\n\n{CheckDocs.Begin}\nold header\n{CheckDocs.End}\n\nbody\n";
        Assert.Equal($"# X\n\n{CheckDocs.Begin}\nnew\n{CheckDocs.End}\n\nbody\n", CheckDocs.Replace(page, "new\n"));
        Assert.Throws<FormatException>(() => CheckDocs.Replace("# X\n\nbody\n", "new\n"));
    }

    [Fact]
    public void A_check_defined_only_in_the_test_assembly_is_in_the_catalog_the_index_and_the_runner()
    {
        var catalog = CheckCatalog.Discover(typeof(Check).Assembly, typeof(OnlyInTestsCheck).Assembly);

        var found = Assert.Single(catalog.Of<ReadinessCheck>(), c => c.Id == OnlyInTestsCheck.CheckId);
        Assert.Contains(catalog.Select<ReadinessCheck>(null, null, new[] { "test-only" }), c => c.Id == OnlyInTestsCheck.CheckId);
        Assert.DoesNotContain(CheckCatalog.All, c => c.Id == OnlyInTestsCheck.CheckId);
        var testChecks = typeof(OnlyInTestsCheck).Assembly.GetExportedTypes().Count(t => typeof(ReadinessCheck).IsAssignableFrom(t) && !t.IsAbstract);
        Assert.Equal(CheckCatalog.All.Count + testChecks, catalog.Of<ReadinessCheck>().Count);

        Assert.Contains($"| [{OnlyInTestsCheck.CheckId}]({OnlyInTestsCheck.CheckId}.md) | {OnlyInTestsCheck.CheckId} | Info | - | test-only |", CheckDocs.Index(catalog));
        Assert.StartsWith($"# {OnlyInTestsCheck.CheckId}\n\n{CheckDocs.Begin}\n", CheckDocs.NewPage(found));

        var result = TestEvaluation.Runner<VmInventory>(new[] { found }).Run(Scenario.Load("healthy.json").Vm("vm-healthy")).Single();
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal($"docs/checks/{OnlyInTestsCheck.CheckId}.md", result.DocPage);
    }
}

/// <summary>A check that exists only here: nothing outside this file names it, yet the catalog, docs and runner see it.</summary>
public sealed class OnlyInTestsCheck : ReadinessCheck
{
    public const string CheckId = "Sample.OnlyInTests";

    public override string Id => CheckId;
    public override CheckSeverity Severity => CheckSeverity.Info;
    public override IReadOnlyList<string> ErrorCodes { get; } = Array.Empty<string>();
    public override IReadOnlyList<string> Tags { get; } = new[] { "test-only" };
    public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };

    public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        => vm.Exists ? CheckOutcome.Pass(CheckText.Common("none")) : CheckOutcome.Skipped(CheckText.Common("none"));
}
