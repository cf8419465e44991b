using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Compliance;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>The compliance rules on their own (the Pester suite runs them through real Pester).</summary>
public class ComplianceEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, ComplianceOutcome> Judge(string json, DateTimeOffset? now = null) =>
        ComplianceEvaluator.Evaluate(SampleResults.Create(), ComplianceConfiguration.FromJson(json, "test.json"), now ?? Now)
            .ToDictionary(v => v.Result.VmName + "/" + v.Result.CheckId, v => v.Outcome);

    [Fact]
    public void Defaults_fail_every_failure_and_error_and_pass_warnings()
    {
        var outcomes = Judge("{}");
        Assert.Equal(ComplianceOutcome.Failed, outcomes["vm-web-01/Agent.Ready"]);
        Assert.Equal(ComplianceOutcome.Passed, outcomes["vm-web-01/Lock.VmResourceGroup"]);
        Assert.Equal(ComplianceOutcome.Failed, outcomes["vm-db-01/KeyVault.BackupAccess"]);
        Assert.Equal(ComplianceOutcome.NotApplicable, outcomes["vm-db-01/Vm.PowerState"]);
        Assert.Equal(ComplianceOutcome.Passed, outcomes["vm-ok-01/Agent.Ready"]);
    }

    [Fact]
    public void A_suppression_holds_through_its_expiry_day_and_stops_the_run_the_day_after()
    {
        const string json = "{\"suppressions\":[{\"checkId\":\"Agent.Ready\",\"vm\":\"vm-web-*\",\"justification\":\"new agent rolling out\",\"expires\":\"2026-12-01\"}]}";
        Assert.Equal(ComplianceOutcome.Suppressed, Judge(json, new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero))["vm-web-01/Agent.Ready"]);
        var ex = Assert.Throws<AzbtException>(() => Judge(json, new DateTimeOffset(2026, 12, 2, 0, 0, 1, TimeSpan.Zero)));
        Assert.Equal(ComplianceEvaluator.SuppressionExpired, ex.Code);
        Assert.Equal(FailureKind.InvalidInput, ex.Kind);
        Assert.Contains("new agent rolling out", ex.Message);
    }

    [Fact]
    public void A_suppression_matches_by_vm_id_and_by_tag()
    {
        var byId = Judge("{\"suppressions\":[{\"vm\":\"*/resourceGroups/rg-db/*\",\"justification\":\"db team\"}]}");
        Assert.Equal(ComplianceOutcome.Suppressed, byId["vm-db-01/KeyVault.BackupAccess"]);
        Assert.Equal(ComplianceOutcome.Failed, byId["vm-web-01/Agent.Ready"]);
        var byTag = Judge("{\"suppressions\":[{\"tag\":\"Agent\",\"justification\":\"agent area accepted\"}]}");
        Assert.Equal(ComplianceOutcome.Suppressed, byTag["vm-web-01/Agent.Ready"]);
    }

    [Fact]
    public void Severity_rules_make_other_failures_inconclusive_and_warnings_can_fail()
    {
        var outcomes = Judge("{\"failOnSeverity\":[\"Warning\"],\"warningAsFailure\":true}");
        Assert.Equal(ComplianceOutcome.Inconclusive, outcomes["vm-web-01/Agent.Ready"]);
        Assert.Equal(ComplianceOutcome.Failed, outcomes["vm-web-01/Lock.VmResourceGroup"]);
        Assert.Equal(ComplianceOutcome.Failed, outcomes["vm-db-01/KeyVault.BackupAccess"]); // Error fails whatever the severity
    }

    [Theory]
    [InlineData("{\"failOnSeverty\":[\"Critical\"]}", "failOnSeverty")]
    [InlineData("{\"failOnSeverity\":[\"Huge\"]}", "Huge")]
    [InlineData("{\"suppressions\":[{\"vm\":\"x\"}]}", "justification")]
    [InlineData("{\"suppressions\":[{\"justification\":\"everything\"}]}", "suppress everything")]
    [InlineData("{\"suppressions\":[{\"vm\":\"x\",\"justification\":\"j\",\"expires\":\"soon\"}]}", "not a date")]
    [InlineData("[1]", "expected an object")]
    [InlineData("{oops", "not valid JSON")]
    public void A_bad_configuration_is_refused_in_one_line_naming_the_problem(string json, string named)
    {
        var ex = Assert.Throws<AzbtException>(() => ComplianceConfiguration.FromJson(json, "bad.json"));
        Assert.Equal(ComplianceConfiguration.InvalidConfiguration, ex.Code);
        Assert.Contains(named, ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }
}
