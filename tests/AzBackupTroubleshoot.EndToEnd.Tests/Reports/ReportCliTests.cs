using System.Text.Json;
using System.Xml.Linq;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>azbt report from the results of a real demo scan (readiness --output json over HTTPS against the emulator).</summary>
public class ReportCliTests : IClassFixture<ReportCliTests.DemoResults>
{
    /// <summary>One demo scan for the whole class, saved as the JSON that readiness writes.</summary>
    public sealed class DemoResults
    {
        public DemoResults()
        {
            Folder = Directory.CreateTempSubdirectory("azbt-report-").FullName;
            var (exit, stdout, _) = CliRun.Run("readiness", "--scenario", RepoPaths.DemoScenario, "--output", "json").GetAwaiter().GetResult();
            Assert.Equal(1, exit); // the demo has failures
            Path = System.IO.Path.Combine(Folder, "results.json");
            File.WriteAllText(Path, stdout);
            using var doc = JsonDocument.Parse(stdout);
            Count = doc.RootElement.GetArrayLength();
            Failures = doc.RootElement.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Fail");
        }

        public string Folder { get; }
        public string Path { get; }
        public int Count { get; }
        public int Failures { get; }
    }

    private readonly DemoResults _demo;

    public ReportCliTests(DemoResults demo) => _demo = demo;

    [Fact]
    public async Task Writes_every_format_from_saved_results_by_extension()
    {
        Assert.True(_demo.Count > 100);
        foreach (var ext in new[] { "html", "md", "sarif", "xml", "csv" })
        {
            var outFile = Path.Combine(_demo.Folder, "demo." + ext);
            var (exit, stdout, stderr) = await CliRun.Run("report", "--input", _demo.Path, "--out", outFile);
            Assert.True(exit == 0, stderr);
            Assert.Equal("", stdout);
            Assert.True(new FileInfo(outFile).Length > 500, ext);
        }
        var junit = XDocument.Load(Path.Combine(_demo.Folder, "demo.xml"));
        Assert.Equal(_demo.Count, junit.Descendants("testcase").Count());
        Assert.Equal(_demo.Failures, junit.Descendants("failure").Count());
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_demo.Folder, "demo.sarif")));
        Assert.True(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength() >= _demo.Failures);
        Assert.Equal(_demo.Count + 1, Csv.Parse(File.ReadAllText(Path.Combine(_demo.Folder, "demo.csv"))).Count);
    }

    [Fact]
    public async Task Format_option_wins_over_the_extension()
    {
        var outFile = Path.Combine(_demo.Folder, "summary.txt");
        var (exit, _, stderr) = await CliRun.Run("report", "--input", _demo.Path, "--out", outFile, "--format", "markdown", "--title", "Nightly");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("## Nightly", File.ReadAllText(outFile));
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { new[] { "report", "--input", "/nonexistent/results.json", "--out", "x.html" }, "ResultsFileNotFound" },
        { new[] { "report", "--input", RepoPaths.DemoScenario, "--out", "x.html" }, "InvalidResultsFile" },
        { new[] { "report", "--input", "{results}", "--out", "report.docx" }, "UnknownReportFormat" },
        { new[] { "report", "--input", "{results}", "--out", "x.html", "--format", "pdf" }, "InvalidInput" },
        { new[] { "report", "--input", "{results}", "--out", "x.html", "--doc-base-url", "javascript:alert(1)" }, "InvalidInput" },
        { new[] { "report", "--out", "x.html" }, "InvalidInput" },
        { new[] { "report", "--input", "{results}", "--out", "" }, "InvalidInput" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_and_exit_2_and_writes_nothing(string[] args, string code)
    {
        var outDir = Directory.CreateTempSubdirectory("azbt-report-bad-").FullName;
        var resolved = args.Select(a => a == "{results}" ? _demo.Path : a.EndsWith(".html") || a.EndsWith(".docx") ? Path.Combine(outDir, a) : a).ToArray();
        var (exit, stdout, stderr) = await CliRun.Run(resolved);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {code}", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotMatch(@"\b[A-Z]\w+Exception\b", stderr);
        Assert.Empty(Directory.GetFiles(outDir));
    }
}
