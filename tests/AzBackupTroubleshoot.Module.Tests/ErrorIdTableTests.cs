using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// docs/module.md's ErrorIds table is what scripts are told to match on, so it must be the code's: every id it calls
/// ours exists (FailureCodes for the engine's, a string the module or the repairs write for theirs), the kind table is
/// the mapping ErrorRecords.Category applies, and each engine id's category is the one of a kind the code gives it.
/// Read from the sources, which is where a rename would happen.
/// </summary>
public class ErrorIdTableTests
{
    private static readonly string Root = RepoRoot();
    private static readonly string Doc = File.ReadAllText(Path.Combine(Root, "docs", "module.md"));

    [Fact]
    public void Every_id_the_table_calls_ours_exists_in_the_code()
    {
        var rows = IdRows();
        Assert.True(rows.Count >= 40, $"only {rows.Count} rows read from the ErrorIds table: is the table still there?");
        var codes = FailureCodes();
        var sources = string.Join("\n", SourceFiles("AzBackupTroubleshoot.PowerShell").Concat(SourceFiles("AzBackupTroubleshoot.Engine")).Select(File.ReadAllText));
        var missing = new List<string>();
        foreach (var (id, source, _) in rows)
        {
            if (source == "engine" && !codes.ContainsKey(id) && !sources.Contains('"' + id + '"')) missing.Add($"{id} (engine): not in FailureCodes nor written by the engine");
            if (source is "module" or "repair" && !sources.Contains('"' + id + '"')) missing.Add($"{id} ({source}): no such string in the module or the engine");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_FailureCodes_constant_is_in_the_table()
    {
        var documented = IdRows().Select(r => r.Id).ToHashSet();
        var undocumented = FailureCodes().Values.Where(v => !documented.Contains(v)).ToList();
        Assert.True(undocumented.Count == 0, "FailureCodes missing from docs/module.md's ErrorIds table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void The_kind_table_is_the_mapping_the_cmdlets_apply()
    {
        var code = File.ReadAllText(Path.Combine(Root, "src", "AzBackupTroubleshoot.PowerShell", "Errors", "ErrorRecords.cs"));
        var applied = Regex.Matches(code, @"FailureKind\.(\w+) => ErrorCategory\.(\w+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var documented = Regex.Matches(Doc, @"^\s*\| (\w+) \| (\w+) \| \d+ \|$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var kinds = Regex.Matches(File.ReadAllText(Path.Combine(Root, "src", "AzBackupTroubleshoot.Engine", "Errors", "FailureKind.cs")), @"^\s+(\w+),\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.True(kinds.Count >= 10, "FailureKind members not read");
        Assert.Equal(kinds.OrderBy(k => k), applied.Keys.OrderBy(k => k));
        Assert.Equal(applied.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    [Fact]
    public void Each_engine_id_has_the_category_of_the_kind_the_engine_gives_it()
    {
        var documented = Regex.Matches(Doc, @"^\s*\| (\w+) \| (\w+) \| \d+ \|$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var engine = string.Join("\n", SourceFiles("AzBackupTroubleshoot.Engine").Select(File.ReadAllText));
        var wrong = new List<string>();
        foreach (var (id, source, category) in IdRows().Where(r => r.Source == "engine"))
        {
            // Every place that builds the failure: new AzbtException(FailureKind.X, FailureCodes.Id, ...
            var kinds = Regex.Matches(engine, @"FailureKind\.(\w+),\s*(?:AzBackupTroubleshoot\.Errors\.)?FailureCodes\." + id + @"\b").Select(m => m.Groups[1].Value).Distinct().ToList();
            foreach (var kind in kinds)
                if (documented.TryGetValue(kind, out var expected) && expected != category) wrong.Add($"{id}: the table says {category}, the engine raises it as {kind} ({expected})");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Repair_refusals_have_the_category_of_safety_rule_or_not_now()
    {
        var refusal = File.ReadAllText(Path.Combine(Root, "src", "AzBackupTroubleshoot.Engine", "Repairs", "RepairRefusedException.cs"));
        var rule = Regex.Match(refusal, @"IsSafetyRule => ErrorId switch(?<body>.*?)=> true", RegexOptions.Singleline);
        Assert.True(rule.Success, "IsSafetyRule not found");
        var safety = Regex.Matches(rule.Groups["body"].Value, @"""(\w+)""").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("RestorePointCleanupBlockedByLock", safety);
        var wrong = IdRows().Where(r => r.Source == "repair" && r.Category is "SecurityError" or "OperationStopped")
            .Where(r => (r.Category == "SecurityError") != safety.Contains(r.Id))
            .Select(r => $"{r.Id}: the table says {r.Category}, the engine's IsSafetyRule says {(safety.Contains(r.Id) ? "SecurityError" : "OperationStopped")}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The rows of the ErrorIds table: | `Id` | source | category | when | what to do |.</summary>
    private static List<(string Id, string Source, string Category)> IdRows()
        => Regex.Matches(Doc, @"^\| `(\w+)` \| (engine|module|repair) \| (\w+) \|", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();

    private static Dictionary<string, string> FailureCodes()
        => Regex.Matches(File.ReadAllText(Path.Combine(Root, "src", "AzBackupTroubleshoot.Engine", "Errors", "FailureCodes.cs")), @"const string (\w+) = ""(\w+)"";")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static IEnumerable<string> SourceFiles(string project)
        => Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln"))) return dir.FullName;
        throw new InvalidOperationException("AzBackupTroubleshoot.sln not found above " + AppContext.BaseDirectory);
    }
}
