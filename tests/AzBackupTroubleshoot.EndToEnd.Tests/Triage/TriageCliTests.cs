using System.Text.Json;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Triage;

/// <summary>azbt explain and azbt failures, run in-process: JSON shapes, languages and exit codes.</summary>
public sealed class TriageCliTests : IDisposable
{
    private readonly TempFolder _temp = new("azbt-triage-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(args);

    private static List<JsonElement> Array(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Theory]
    [InlineData("UserErrorRpCollectionLimitReached", "UserErrorRpCollectionLimitReached")]
    [InlineData("320001", "320001")]
    [InlineData("ResourceNotFound", "320001")]
    [InlineData("id: 34513", "ID34513")]
    public async Task Explain_a_code_gives_its_entry(string code, string expected)
    {
        var (exit, stdout, _) = await Run("explain", "--code", code, "--output", "json");
        Assert.Equal(ExitCodes.Success, exit);
        var entry = Assert.Single(Array(stdout));
        Assert.Equal(expected, entry.GetProperty("code").GetString());
        Assert.Equal(1.0, entry.GetProperty("score").GetDouble());
        Assert.True(entry.GetProperty("confident").GetBoolean());
        Assert.NotEmpty(entry.GetProperty("remediation").EnumerateArray());
    }

    [Fact]
    public async Task Explain_an_unknown_code_exits_1_with_an_empty_array()
    {
        var (exit, stdout, stderr) = await Run("explain", "--code", "UserErrorNobodyHasSeen", "--output", "json");
        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.Empty(Array(stdout));
        Assert.Contains("UserErrorNobodyHasSeen", stderr);
    }

    [Fact]
    public async Task Explain_a_pasted_message_ranks_entries_by_score()
    {
        var (exit, stdout, _) = await Run("explain", "--message",
            "11/21/2026 10:15 PM Dettagli errore: L'agente di macchine virtuali di Azure non può comunicare con il servizio Backup di Azure.", "--output", "json", "--top", "4");
        Assert.Equal(ExitCodes.Success, exit);
        var ranked = Array(stdout);
        Assert.InRange(ranked.Count, 2, 4);
        Assert.Equal("UserErrorGuestAgentStatusUnavailable", ranked[0].GetProperty("code").GetString());
        var scores = ranked.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores[0] >= 0.5);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("Preheat the oven to 200 degrees and bake the bread for twenty minutes.")]
    [InlineData("HTTP 403 Forbidden")]
    [InlineData("Msg 18456, Level 14: Login failed for user 'sa'.")]
    public async Task Explain_unrelated_text_is_no_confident_match(string text)
    {
        var (exit, stdout, _) = await Run("explain", "--message", text, "--output", "json");
        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.All(Array(stdout), r => Assert.False(r.GetProperty("confident").GetBoolean()));
        var (tableExit, table, _) = await Run("explain", "--message", text);
        Assert.Equal(ExitCodes.ChecksFailed, tableExit);
        Assert.StartsWith("No known error matches this text with confidence.", table);
    }

    [Theory]
    [InlineData("it", "La VM ha raggiunto il limite di 18 punti di ripristino", "Soluzione:")]
    [InlineData("pt-BR", "A VM atingiu o limite de 18 pontos de restauração", "Correção:")]
    [InlineData("en", "The VM has reached the limit of 18 restore points", "Fix:")]
    public async Task Explain_speaks_the_asked_language(string lang, string title, string fixLabel)
    {
        var (exit, stdout, _) = await Run("explain", "--code", "UserErrorRpCollectionLimitReached", "--lang", lang);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(title, stdout);
        Assert.Contains(fixLabel, stdout);
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("explain", "--code", "320001", "--message", "text")]
    [InlineData("explain", "--code", " ")]
    [InlineData("explain", "--code", "320001", "--lang", "fr")]
    [InlineData("explain", "--code", "320001", "--output", "yaml")]
    [InlineData("explain", "--message", "text", "--top", "0")]
    [InlineData("explain", "--code", "320001", "--vm", "x")]
    [InlineData("failures", "--vault", "/subscriptions/5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4/resourceGroups/rg")]
    [InlineData("failures", "--vault", "/subscriptions/5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v", "--subscription", "5b2d4f60-7a8c-4e9b-a1c3-d5e7f9a0b2c4")]
    [InlineData("failures", "--lang", "de")]
    [InlineData("failures", "--subscription", "not-a-guid")]
    public async Task Bad_input_exits_2_with_one_line(params string[] args)
    {
        var (exit, _, stderr) = await Run(args);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Failures_prints_one_diagnosis_per_job_and_exits_1()
    {
        var (exit, stdout, stderr) = await Run("failures", "--scenario", FailuresScenario.Path, "--output", "json");
        Assert.Equal(ExitCodes.ChecksFailed, exit);
        var diagnoses = Array(stdout);
        Assert.Equal(14, diagnoses.Count);
        var rp = diagnoses.Single(d => d.GetProperty("vmName").GetString() == "vm-rp-full");
        Assert.Equal("UserErrorRpCollectionLimitReached", rp.GetProperty("match").GetProperty("code").GetString());
        Assert.Equal("Failed", rp.GetProperty("kind").GetString());
        Assert.Equal("Repair-AzRestorePointCollection", rp.GetProperty("repairCommand").GetString());
        Assert.Equal("RestorePoints.CollectionLimit", rp.GetProperty("causeCheckId").GetString());
        Assert.Contains(rp.GetProperty("relatedChecks").EnumerateArray(), c => c.GetProperty("checkId").GetString() == "RestorePoints.CollectionLimit"
            && c.GetProperty("status").GetString() == "Fail" && c.GetProperty("evidence").GetArrayLength() > 0);
        Assert.Contains("14 job(s) to look at: 14 matched a known error.", stderr);
    }

    [Fact]
    public async Task Failures_of_a_vault_that_does_not_exist_is_not_found_exit_7()
    {
        var missing = FailuresScenario.VaultId.Replace("rsv-triage-ne", "rsv-nowhere");
        var (exit, stdout, stderr) = await Run("failures", "--scenario", FailuresScenario.Path, "--vault", missing);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Equal("", stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ResourceNotFound: ", line);
        Assert.Contains("rsv-nowhere", line);
    }

    [Fact]
    public async Task Failures_of_one_vault_in_portuguese()
    {
        var (exit, stdout, _) = await Run("failures", "--scenario", FailuresScenario.Path, "--vault", FailuresScenario.VaultId, "--lang", "pt");
        Assert.Equal(ExitCodes.ChecksFailed, exit);
        Assert.Contains("Causa mais provável: A verificação de prontidão Agent.Ready encontra a causa nesta VM", stdout);
        Assert.Contains("Mensagem do Compute: VM is in Failed Provisioning State.", stdout);
        Assert.Contains("Comando de reparo: Repair-AzRestorePointCollection", stdout);
    }

    [Fact]
    public async Task Failures_without_failed_jobs_exit_0()
    {
        var vault = VaultId(Sub1, "rg-backup", "rsv");
        var vm = VmId(Sub1, "rg", "fine");
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg", "fine").Protect(vm, vault).Job(vault, vm, "job-ok", "Completed").ToJson());

        var (exit, stdout, stderr) = await Run("failures", "--scenario", path, "--output", "json", "--lang", "it");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(Array(stdout));
        Assert.Contains("Negli ultimi 14 giorni non è stato trovato", stderr);
    }
}
