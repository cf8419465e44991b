using System.Text.RegularExpressions;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Reports;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>
/// The HTML report opened in a real browser (headless Chromium): its script runs without console errors, the
/// filters change what is shown, and the page is not blank. The screenshot is kept as a test artifact in
/// out/test-results/artifacts/readiness-report.png.
/// </summary>
public class HtmlReportBrowserTests
{
    private static readonly string Artifacts = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "out", "test-results", "artifacts")).FullName;

    private static string WriteReport(string name)
    {
        var path = Path.Combine(Artifacts, name);
        ReportWriter.WriteFile(ReportFormat.Html, SampleResults.Create(), path, new ReportOptions { GeneratedAt = DateTimeOffset.UnixEpoch });
        return path;
    }

    [Fact]
    public void Page_runs_without_console_errors_and_shows_the_findings_by_default()
    {
        var page = HeadlessChromium.Open(WriteReport("readiness-report.html"));
        Assert.Empty(page.ConsoleErrors);
        Assert.Contains("3 of 7 shown", page.Dom);
        Assert.Equal(new[] { "Error", "Fail", "Warning" }, VisibleStatuses(page.Dom).Distinct().OrderBy(s => s));
    }

    [Fact]
    public void Filters_in_the_url_fragment_change_the_rows_shown()
    {
        var file = WriteReport("readiness-report-filter.html");
        var failOnly = HeadlessChromium.Open(file, "#status=Fail");
        Assert.Empty(failOnly.ConsoleErrors);
        Assert.Equal(new[] { "Fail" }, VisibleStatuses(failOnly.Dom));
        Assert.Contains("1 of 7 shown", failOnly.Dom);

        var passForOneVm = HeadlessChromium.Open(file, "#status=Pass,Skipped&q=vm-db-01");
        Assert.Equal(new[] { "Pass", "Skipped" }, VisibleStatuses(passForOneVm.Dom).OrderBy(s => s));

        var oneCheck = HeadlessChromium.Open(file, "#status=Fail,Pass&check=Agent.Ready");
        Assert.Equal(3, VisibleStatuses(oneCheck.Dom).Count);
    }

    [Fact]
    public void Screenshot_is_not_blank()
    {
        var png = Path.Combine(Artifacts, "readiness-report.png");
        HeadlessChromium.Screenshot(WriteReport("readiness-report-shot.html"), png);
        Assert.True(HeadlessChromium.InkRatio(png) > 0.01, $"the screenshot {png} is (nearly) blank");
    }

    [Fact]
    public void The_browser_checks_can_fail_a_broken_page()
    {
        // A page whose script throws, and an empty page: the helpers must see both.
        var broken = Path.Combine(Artifacts, "broken.html");
        File.WriteAllText(broken, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>");
        Assert.NotEmpty(HeadlessChromium.Open(broken).ConsoleErrors);

        var blank = Path.Combine(Artifacts, "blank.html");
        File.WriteAllText(blank, "<!DOCTYPE html><html><body></body></html>");
        var png = Path.Combine(Artifacts, "blank.png");
        HeadlessChromium.Screenshot(blank, png);
        Assert.True(HeadlessChromium.InkRatio(png) < 0.001);
    }

    private static List<string> VisibleStatuses(string dom) =>
        Regex.Matches(dom, "<tr class=\"row\" data-status=\"(\\w+)\"[^>]*>").Where(m => !m.Value.Contains(" hidden")).Select(m => m.Groups[1].Value).ToList();
}
