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

    /// <summary>The seed files' paths, sorted; empty when the seeds are absent.</summary>
    public static IReadOnlyList<string> Paths { get; } =
        Directory == null ? Array.Empty<string>() : System.IO.Directory.GetFiles(Directory, "*.txt").OrderBy(p => p, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Texts { get; } = Paths.Select(File.ReadAllText).ToList();

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

    // "Codice di errore: X <br> Messaggio di errore: Y" (seed 002) and "Código de erro: X <br/> Mensagem de erro: Y" (seed 004).
    private static readonly Regex CodeAndMessage = new(
        @"(?:Codice di errore|Código de erro|Codice errore)\W*?(?<code>[A-Za-z0-9]+)[^\n<]*<br\s*/?>\s*\n?\s*\**(?:Messaggio di errore|Mensagem de erro)\W*(?<msg>[^\n]+?)\s*(?:<br\s*/?>|\n|$)");

    // The header of an error table: its first column holds the message ("| Dettagli errore | ...", "| Errore | ...", "Messaggio di errore | ...").
    private static readonly Regex ErrorTableHeader = new(@"^\|?\s*(?:Dettagli errore|Detalhes do erro|Errore|Erro|Messaggio di errore)\s*\|");

    private static readonly Regex CellBreak = new(@"<br\s*/?>|<ul>|<li>|<ol>");
    private static readonly Regex Markup = new(@"\*\*|`|<[^>]+>");

    /// <summary>
    /// The error messages the seeds quote: the message after each "error code" line, and the first line of the first
    /// cell of every error-table row. The code is given when the seed gives one next to the message.
    /// </summary>
    public static IReadOnlyList<(string Seed, string? Code, string Message)> ExtractMessages()
    {
        var messages = new List<(string, string?, string)>();
        foreach (var path in Paths)
        {
            var seed = Path.GetFileName(path);
            var text = File.ReadAllText(path);
            foreach (Match m in CodeAndMessage.Matches(text))
                messages.Add((seed, m.Groups["code"].Value, Markup.Replace(m.Groups["msg"].Value, "").Trim()));

            var inTable = false;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (ErrorTableHeader.IsMatch(line)) { inTable = true; continue; }
                if (!line.Contains('|')) { inTable = false; continue; }
                if (!inTable || line.TrimStart('|').TrimStart().StartsWith("-")) continue;
                var firstCell = line.Trim('|').Split('|')[0];
                var firstLine = CellBreak.Split(firstCell).Select(part => Markup.Replace(part, "").Trim()).FirstOrDefault(part => part.Length > 0);
                if (firstLine != null) messages.Add((seed, null, firstLine));
            }
        }
        return messages;
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
