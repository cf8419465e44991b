using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>
/// The five seed documents (Microsoft's troubleshooting articles in Italian and Portuguese), found at
/// &lt;repo root&gt;/../shared/seeds, the repo root being the folder holding AzBackupTroubleshoot.sln.
/// When that folder is absent (a clone without shared/), the tests fall back to seed-codes.txt, the committed extract.
/// </summary>
internal static class SeedFiles
{
    /// <summary>The folder holding AzBackupTroubleshoot.sln.</summary>
    public static string RepoRoot { get; } = LocateRepoRoot();

    /// <summary>The seeds folder, or null when it is not beside the repository.</summary>
    public static string? Directory { get; } = LocateSeeds();

    public static IReadOnlyList<string> Texts { get; } =
        Directory == null ? Array.Empty<string>() : System.IO.Directory.GetFiles(Directory, "*.txt").OrderBy(p => p).Select(File.ReadAllText).ToList();

    /// <summary>The committed copy of the codes extracted from the seeds (one per line).</summary>
    public static IReadOnlyList<string> CommittedCodes { get; } =
        File.ReadAllLines(Path.Combine(RepoRoot, "tests", "AzBackupTroubleshoot.Engine.Tests", "Knowledge", "seed-codes.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("#")).ToList();

    // What an error code looks like in the seeds. Each pattern is anchored on how the articles write codes,
    // so that ordinary words ("Extensions") and URL parameters ("clcid=0x409") are not taken for codes.
    private static readonly Regex[] CodePatterns =
    {
        new(@"\b(?:UserError|Extension|GuestAgent|BackUp|CopyingVHDs|Sal|BCM)[A-Z]\w*\b"),
        new(@"(?:Código de erro|Codice di errore|Codice errore)\W*(?<code>\d{3,})"),
        new(@"\(ID:\s*(?<id>\d+)\)"),
        new(@"(?<![=\w])0x[0-9A-Fa-f]{4,8}\b"),
        new(@"\bErrore?\s+(?<code>\d{4,})"),
        new(@"\((?<code>\d{3})\)\s"),
    };

    /// <summary>Every error code written in the seed texts, e.g. UserErrorFsFreezeFailed, 320001, ID34513, 0x80070570.</summary>
    public static SortedSet<string> ExtractCodes(IEnumerable<string> texts)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var pattern in CodePatterns)
                foreach (Match m in pattern.Matches(text))
                    codes.Add(m.Groups["id"].Success ? "ID" + m.Groups["id"].Value
                        : m.Groups["code"].Success ? m.Groups["code"].Value
                        : m.Value);
        return codes;
    }

    private static string LocateRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln"))) return dir.FullName;
        throw new InvalidOperationException("AzBackupTroubleshoot.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? LocateSeeds()
    {
        var seeds = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "seeds"));
        return System.IO.Directory.Exists(seeds) ? seeds : null;
    }
}
