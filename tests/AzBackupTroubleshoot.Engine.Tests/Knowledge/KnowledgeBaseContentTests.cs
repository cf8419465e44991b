using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>The data files are complete and consistent.</summary>
public class KnowledgeBaseContentTests
{
    // Every check the module has: readiness checks and restore pre-checks.
    private static readonly HashSet<string> KnownCheckIds = new(
        AzBackupTroubleshoot.Checks.CheckCatalog.All.Select(c => c.Id).Concat(AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<AzBackupTroubleshoot.Restore.RestorePreCheck>().Select(c => c.Id)),
        StringComparer.Ordinal);

    private static readonly HashSet<string> RepairCommands = new(StringComparer.Ordinal)
    {
        "Repair-AzRestorePointCollection", "Repair-AzVmBackupExtension", "Start-AzVmBackup", "Stop-AzVmBackupJob",
    };

    private static readonly HashSet<string> Areas = new(StringComparer.Ordinal)
    {
        "vm-backup", "vm-agent-extension", "vm-snapshot", "vm-restore", "jobs", "mars-agent",
    };

    private static IReadOnlyList<ErrorEntry> Entries => KnowledgeBase.Default.Entries;

    [Fact]
    public void Every_area_has_entries()
    {
        foreach (var area in Areas)
            Assert.Contains(Entries, e => e.Area == area);
    }

    [Fact]
    public void Every_entry_is_complete_in_english()
    {
        var incomplete = Entries.Where(e =>
                string.IsNullOrWhiteSpace(e.Code)
                || !Areas.Contains(e.Area)
                || string.IsNullOrWhiteSpace(e.Title.En)
                || string.IsNullOrWhiteSpace(e.Cause.En)
                || e.Remediation.En.Count == 0)
            .Select(e => e.Code).ToList();
        Assert.Empty(incomplete);
    }

    [Fact]
    public void Every_entry_has_italian_and_portuguese_title_cause_and_remediation()
    {
        var missing = new List<string>();
        foreach (var e in Entries)
            foreach (var language in new[] { KnowledgeLanguage.It, KnowledgeLanguage.Pt })
            {
                if (e.Title.Exact(language) == null) missing.Add($"{e.Code} title.{language.Key()}");
                if (e.Cause.Exact(language) == null) missing.Add($"{e.Code} cause.{language.Key()}");
                if (e.Remediation.Exact(language).Count != e.Remediation.En.Count) missing.Add($"{e.Code} remediation.{language.Key()} (step count differs from en)");
            }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_entry_taken_from_a_seed_quotes_its_seed_language()
    {
        // The seeds are Italian and Portuguese: an entry that cites them and has an error message at all
        // must carry the message as the seed words it, since that is what Italian/Portuguese users paste.
        var missing = Entries
            .Where(e => e.SeedRefs.Count > 0 && (e.Messages.En.Count + e.Messages.It.Count + e.Messages.Pt.Count) > 0)
            .Where(e => e.Messages.It.Count == 0 && e.Messages.Pt.Count == 0)
            .Select(e => e.Code).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Codes_aliases_and_numeric_codes_are_unique()
    {
        var keys = Entries.SelectMany(e => new[] { e.Code }.Concat(e.Aliases).Concat(e.NumericCodes.Select(n => n.ToString()))
                .Select(k => k.Replace(" ", "").Replace(":", "").ToUpperInvariant()).Distinct().Select(k => (k, e.Code)))
            .GroupBy(p => p.k).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(p => p.Code))).ToList();
        Assert.Empty(keys);
    }

    [Fact]
    public void A_code_claimed_twice_is_refused()
    {
        var first = Entries[0];
        var twin = new ErrorEntry("Other", Array.Empty<long>(), new[] { first.Code.ToLowerInvariant() }, first.Area, first.Messages,
            first.Title, first.Cause, first.Remediation, first.RelatedChecks, first.RepairedBy, first.FixLocation, first.SeedRefs);
        var error = Assert.Throws<InvalidOperationException>(() => new KnowledgeBase(new[] { first, twin }));
        Assert.Contains(first.Code, error.Message);
    }

    [Fact]
    public void Every_related_check_is_a_known_check()
    {
        var unknown = Entries.SelectMany(e => e.RelatedChecks.Where(id => !KnownCheckIds.Contains(id)).Select(id => $"{e.Code}: {id}")).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Related_checks_hold_only_links_the_checks_do_not_declare()
    {
        // A check that declares the entry's code is found from the check itself; naming it again by hand would be the
        // two-sided bookkeeping this list replaced.
        var catalog = AzBackupTroubleshoot.Checks.CheckCatalog.Default;
        var redundant = Entries.SelectMany(e => e.RelatedChecks
                .Where(id => catalog.Checks.Single(c => c.Id == id).ErrorCodes.Any(code => KnowledgeBase.Default.FindByCode(code) == e))
                .Select(id => $"{e.Code}: {id}"))
            .ToList();
        Assert.Empty(redundant);
    }

    [Fact]
    public void Every_code_a_check_declares_has_an_entry_that_it_detects()
    {
        var catalog = AzBackupTroubleshoot.Checks.CheckCatalog.Default;
        var declared = catalog.Checks.SelectMany(c => c.ErrorCodes.Select(code => (c.Id, Code: code)));
        var broken = declared.Where(d => KnowledgeBase.Default.FindByCode(d.Code) is not ErrorEntry entry
                                         || !AzBackupTroubleshoot.Checks.CheckCatalog.DetectedBy(entry).Contains(d.Id))
            .Select(d => $"{d.Id} declares {d.Code}").ToList();
        Assert.Empty(broken);
    }

    [Fact]
    public void A_check_that_exists_only_in_a_test_assembly_is_linked_to_the_entry_of_its_code()
    {
        // Adding a check needs no edit to the knowledge base: declaring the code is enough.
        var catalog = AzBackupTroubleshoot.Checks.CheckCatalog.Discover(typeof(AzBackupTroubleshoot.Checks.Check).Assembly, typeof(DeclaresRpLimitCheck).Assembly);
        var entry = KnowledgeBase.Default.FindByCode("UserErrorRpCollectionLimitReached")!;
        Assert.Contains(DeclaresRpLimitCheck.CheckId, catalog.DetectorsOf(entry, KnowledgeBase.Default));
        Assert.DoesNotContain(DeclaresRpLimitCheck.CheckId, AzBackupTroubleshoot.Checks.CheckCatalog.DetectedBy(entry));
        // An alias resolves to its entry too.
        Assert.Contains(DeclaresRpLimitCheck.CheckId, catalog.DetectorsOf(KnowledgeBase.Default.FindByCode("BackUpOperationFailed")!, KnowledgeBase.Default));
    }

    [Fact]
    public void Every_repairedBy_is_one_of_the_repair_commands()
    {
        var unknown = Entries.Where(e => e.RepairedBy != null && !RepairCommands.Contains(e.RepairedBy)).Select(e => $"{e.Code}: {e.RepairedBy}").ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Repairs_exist_only_where_the_fix_is_reachable_from_Azure()
    {
        // Start-AzVmBackup (a retry) is the one command that helps wherever the fix lies; the others change ARM resources.
        var misplaced = Entries.Where(e => e.RepairedBy != null && e.RepairedBy != "Start-AzVmBackup" && e.FixLocation != FixLocation.Arm)
            .Select(e => e.Code).ToList();
        Assert.Empty(misplaced);
    }

    [Fact]
    public void Every_check_in_the_list_explains_at_least_one_entry()
    {
        var unused = KnownCheckIds.Where(id => !Entries.Any(e => AzBackupTroubleshoot.Checks.CheckCatalog.DetectedBy(e).Contains(id))).ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void The_example_check_codes_resolve()
    {
        // PowerStateCheck declares this code; the explain stage looks it up.
        Assert.NotNull(KnowledgeBase.Default.FindByCode("UserErrorVmNotInDesirableState"));
    }
}

/// <summary>A check only this test assembly has, declaring two codes: the knowledge base must link it with no edit.</summary>
public sealed class DeclaresRpLimitCheck : AzBackupTroubleshoot.Checks.ReadinessCheck
{
    public const string CheckId = "Sample.DeclaresRpLimit";

    public override string Id => CheckId;
    public override AzBackupTroubleshoot.Checks.CheckSeverity Severity => AzBackupTroubleshoot.Checks.CheckSeverity.Info;
    public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorRpCollectionLimitReached", "BackUpOperationFailedV2" };
    public override IReadOnlyList<string> Reads { get; } = new[] { AzBackupTroubleshoot.Inventory.InventoryParts.VirtualMachines };

    public override AzBackupTroubleshoot.Checks.CheckOutcome Evaluate(AzBackupTroubleshoot.Inventory.VmInventory vm, AzBackupTroubleshoot.Checks.EvaluationContext context)
        => AzBackupTroubleshoot.Checks.CheckOutcome.Skipped(AzBackupTroubleshoot.Checks.CheckText.Common("none"));
}
