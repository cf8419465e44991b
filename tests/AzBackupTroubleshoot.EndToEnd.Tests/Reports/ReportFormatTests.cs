using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Reports;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>Each report format written from the same results, parsed back, and (SARIF, JUnit) validated against its schema.</summary>
public class ReportFormatTests
{
    private static readonly ReportOptions Options = new() { GeneratedAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero) };

    private static string Render(ReportFormat format, IEnumerable<CheckResult>? results = null, ReportOptions? options = null)
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(format, results ?? SampleResults.Create(), stream, options ?? Options);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Sarif_is_valid_against_the_2_1_0_schema_with_one_rule_per_check_and_one_result_per_finding()
    {
        var sarif = Render(ReportFormat.Sarif);
        var schema = NJsonSchema.JsonSchema.FromFileAsync(TestTools.SarifSchema).GetAwaiter().GetResult();
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { "Agent.Ready", "KeyVault.BackupAccess", "Lock.VmResourceGroup", "Vm.PowerState" }, rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count); // Fail, Warning, Error; passes and skips are not findings
        var fail = results.Single(r => r.GetProperty("ruleId").GetString() == "Agent.Ready");
        Assert.Equal("error", fail.GetProperty("level").GetString());
        Assert.Equal(rules.IndexOf("Agent.Ready"), fail.GetProperty("ruleIndex").GetInt32());
        var location = fail.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
        Assert.EndsWith("/virtualMachines/vm-web-01", location.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("review", results.Single(r => r.GetProperty("ruleId").GetString() == "KeyVault.BackupAccess").GetProperty("kind").GetString());
    }

    [Fact]
    public void Sarif_schema_check_rejects_a_broken_log()
    {
        // The validation above must be able to fail: the same log without the required "version" is refused.
        var broken = Render(ReportFormat.Sarif).Replace("\"version\": \"2.1.0\",", "");
        var schema = NJsonSchema.JsonSchema.FromFileAsync(TestTools.SarifSchema).GetAwaiter().GetResult();
        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public void JUnit_is_valid_against_the_JUnit_schema_and_counts_match()
    {
        var xml = Render(ReportFormat.JUnit);
        var errors = ValidateJUnit(xml);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var doc = XDocument.Parse(xml);
        var suites = doc.Root!.Elements("testsuite").ToList();
        Assert.Equal(4, suites.Count);
        Assert.Equal(7, suites.Sum(s => s.Elements("testcase").Count()));
        Assert.Equal("1", doc.Root.Attribute("failures")!.Value);
        Assert.Equal("1", doc.Root.Attribute("errors")!.Value);
        var agent = suites.Single(s => s.Attribute("name")!.Value == "Agent.Ready");
        Assert.Single(agent.Descendants("failure"));
        Assert.Contains("<script>", agent.Descendants("failure").Single().Attribute("message")!.Value); // text, escaped by XML
        Assert.Single(suites.Single(s => s.Attribute("name")!.Value == "Vm.PowerState").Descendants("skipped"));
    }

    [Fact]
    public void JUnit_schema_check_rejects_a_broken_file()
    {
        var broken = Render(ReportFormat.JUnit).Replace("<testcase name=", "<testcase nom=");
        Assert.NotEmpty(ValidateJUnit(broken));
    }

    [Fact]
    public void Csv_reads_back_one_row_per_result_with_text_fields_and_no_formula()
    {
        var csv = Render(ReportFormat.Csv);
        var rows = Csv.Parse(csv);
        Assert.Equal("VmName", rows[0][0]);
        Assert.Equal(8, rows.Count);
        var header = rows[0];
        var fail = rows.Single(r => r[header.IndexOf("Status")] == "Fail");
        Assert.Equal("UserErrorGuestAgentStatusUnavailable", fail[header.IndexOf("Codes")]);
        Assert.Equal("properties.instanceView.vmAgent.statuses[0].code=ProvisioningState/Unavailable", fail[header.IndexOf("Evidence")]);
        Assert.Equal("A delete lock sits on the group.\nSecond line.", rows.Single(r => r[header.IndexOf("Status")] == "Warning")[header.IndexOf("Message")]);
        Assert.DoesNotContain(rows.SelectMany(r => r), f => f.StartsWith("="));
        Assert.DoesNotContain("System.String[]", csv);
    }

    [Fact]
    public void Markdown_leads_with_totals_and_lists_only_findings_one_line_each()
    {
        var md = Render(ReportFormat.Markdown);
        var lines = md.Split('\n');
        Assert.StartsWith("## Azure VM backup readiness", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("| :x: Fail | 1 | 1 |"));
        var findings = lines.SkipWhile(l => !l.StartsWith("### Findings")).Where(l => l.StartsWith("| :")).ToList();
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal(6, UnescapedPipes(f))); // five cells on one line, the message's own pipe escaped
        Assert.Contains(findings, f => f.Contains("\\| pipe") && f.Contains("&lt;script&gt;"));
        Assert.DoesNotContain(md.Split('\n'), l => l.Contains("vm-ok-01"));
    }

    [Fact]
    public void Html_is_self_contained_escaped_and_summarises_by_status_check_and_scope()
    {
        var html = Render(ReportFormat.Html);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        foreach (var external in new[] { "src=\"http", "href=\"http", "@import", "url(", "<link " })
            Assert.DoesNotContain(external, html);
        Assert.Contains("id=\"by-status\"", html);
        Assert.Contains("id=\"by-check\"", html);
        Assert.Contains("id=\"by-scope\"", html);
        Assert.Contains("Restart the agent, then retry.", html);
        Assert.Contains("Docs: docs/checks/Agent.Ready.md", html);
        Assert.Equal(7, CountOf(html, "<tr class=\"row\""));
        Assert.Equal(4, CountOf(html, "<tr class=\"row\" data-status=\"Pass\"") + CountOf(html, "<tr class=\"row\" data-status=\"Skipped\""));
    }

    [Fact]
    public void Html_links_doc_pages_when_a_base_url_is_given()
    {
        var html = Render(ReportFormat.Html, options: new ReportOptions { DocBaseUrl = "https://example.test/repo/blob/main/", GeneratedAt = Options.GeneratedAt });
        Assert.Contains("href=\"https://example.test/repo/blob/main/docs/checks/Agent.Ready.md\"", html);
    }

    [Fact]
    public void Results_file_reads_the_cli_json_and_powershell_json_shapes()
    {
        var cliJson = JsonSerializer.Serialize(SampleResults.Create(), AzBackupTroubleshoot.Cli.Output.JsonOutput.Options);
        var fromCli = ResultsFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(cliJson)), "cli.json");
        Assert.Equal(7, fromCli.Count);
        Assert.Equal(CheckStatus.Fail, fromCli[0].Status);
        Assert.Equal("ProvisioningState/Unavailable", fromCli[0].Evidence[0].Value);

        // ConvertTo-Json of the objects: PascalCase, statuses as numbers, no Evidence.
        var psJson = "[{\"VmId\":\"/subscriptions/x/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/v\",\"VmName\":\"v\",\"CheckId\":\"Agent.Ready\",\"Status\":2,\"Severity\":2,\"Message\":\"m\"}]";
        var fromPs = ResultsFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(psJson)), "ps.json");
        Assert.Equal(CheckStatus.Fail, fromPs.Single().Status);
        Assert.Empty(fromPs.Single().Evidence);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"checkId\":\"x\"}")]
    [InlineData("[{\"message\":\"no ids\"}]")]
    [InlineData("null")]
    public void Results_file_refuses_what_is_not_results_in_one_line(string content)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "bad.json"));
        Assert.DoesNotContain("\n", ex.Message);
        Assert.Contains("bad.json", ex.Message);
    }

    private static int UnescapedPipes(string line) => line.Where((c, i) => c == '|' && (i == 0 || line[i - 1] != '\\')).Count();

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private static List<string> ValidateJUnit(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, TestTools.JUnitSchema);
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }
}
