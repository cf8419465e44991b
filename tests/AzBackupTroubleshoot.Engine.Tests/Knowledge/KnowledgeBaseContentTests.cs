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
            first.Title, first.Cause, first.Remediation, first.DetectedBy, first.RepairedBy, first.FixLocation, first.SeedRefs);
        var error = Assert.Throws<InvalidOperationException>(() => new KnowledgeBase(new[] { first, twin }));
        Assert.Contains(first.Code, error.Message);
    }

    [Fact]
    public void Every_detectedBy_is_a_known_check()
    {
        var unknown = Entries.SelectMany(e => e.DetectedBy.Where(id => !KnownCheckIds.Contains(id)).Select(id => $"{e.Code}: {id}")).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_code_a_check_declares_has_an_entry_that_names_the_check()
    {
        var declared = AzBackupTroubleshoot.Checks.CheckCatalog.All.SelectMany(c => c.ErrorCodes.Select(code => (c.Id, Code: code)))
            .Concat(AzBackupTroubleshoot.Checks.CheckCatalog.Default.Of<AzBackupTroubleshoot.Restore.RestorePreCheck>().SelectMany(c => c.ErrorCodes.Select(code => (c.Id, Code: code))));
        var broken = declared.Where(d => KnowledgeBase.Default.FindByCode(d.Code)?.DetectedBy.Contains(d.Id) != true)
            .Select(d => $"{d.Id} declares {d.Code}").ToList();
        Assert.Empty(broken);
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
        var unused = KnownCheckIds.Where(id => !Entries.Any(e => e.DetectedBy.Contains(id))).ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void The_example_check_codes_resolve()
    {
        // PowerStateCheck declares this code; the explain stage looks it up.
        Assert.NotNull(KnowledgeBase.Default.FindByCode("UserErrorVmNotInDesirableState"));
    }
}
