using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>
/// A scenario the emulator cannot serve is refused when it is read or armed, as one InvalidScenarioException line that
/// says where the problem is; never a crash at the first request that a bad pattern would meet.
/// </summary>
public sealed class ScenarioValidationTests
{
    [Theory]
    [InlineData("""{"settings":{"faults":[{"path":"(unclosed[","status":500}]}}""", "settings.faults[0].path")]
    [InlineData("""{"settings":{"faults":[{"path":".*"},{"query":"(?<x","status":500}]}}""", "settings.faults[1].query")]
    [InlineData("""{"settings":{"faults":[{"body":"(?<x","status":500}]}}""", "settings.faults[0].body")]
    [InlineData("""{"settings":{"faults":[{"effect":"Explode"}]}}""", "settings.faults[0]")]
    [InlineData("""{"settings":{"faults":[{"status":700}]}}""", "settings.faults[0].status")]
    [InlineData("""{"settings":{"faults":[{"status":"abc"}]}}""", "settings.faults[0]")]
    [InlineData("""{"settings":{"faults":[{"status":500,"times":0}]}}""", "settings.faults[0].times")]
    [InlineData("""{"settings":{"faults":[7]}}""", "settings.faults[0]")]
    [InlineData("""{"settings":{"faults":{"path":".*"}}}""", "settings.faults")]
    [InlineData("""{"subscriptions":5}""", "\"subscriptions\" must be an array")]
    [InlineData("""{"subscriptions":["x"]}""", "subscriptions[0]")]
    [InlineData("""{"subscriptions":[{}]}""", "subscriptionId")]
    [InlineData("""{"resources":[{"type":"Microsoft.Compute/virtualMachines"}]}""", "\"id\"")]
    [InlineData("""{"subscriptions":[{"subscriptionId":"a""", "")]
    [InlineData("""[1,2]""", "JSON object")]
    public void A_malformed_scenario_is_one_line_that_says_where(string json, string where)
    {
        var ex = Assert.Throws<InvalidScenarioException>(() => Scenario.Parse(json));
        Assert.Contains(where, ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.DoesNotContain("   at ", ex.Message);
    }

    [Fact]
    public async Task A_fault_armed_in_code_with_a_bad_pattern_is_refused_before_the_emulator_serves()
    {
        var scenario = SmallScenario.Create();
        scenario.Settings.Faults.Add(new FaultRule { PathPattern = "([", Status = 500 });
        var ex = await Assert.ThrowsAsync<InvalidScenarioException>(() => ArmEmulator.StartAsync(scenario));
        Assert.Contains("is not a valid regular expression", ex.Message);

        await using var emulator = await ArmEmulator.StartAsync(SmallScenario.Create());
        Assert.Throws<InvalidScenarioException>(() => emulator.Faults.Add(new FaultRule { PathPattern = ".*", QueryPattern = "*", Status = 500 }));
    }

    [Fact]
    public void A_valid_fault_still_loads()
    {
        var scenario = Scenario.Parse("""{"settings":{"faults":[{"method":"GET","path":"/virtualMachines$","query":"\\$skiptoken=","status":429,"retryAfterSeconds":1,"times":2},{"status":0,"delayMs":10},{"method":"POST","body":"0000-f1ee","status":500}]}}""");
        Assert.Equal(3, scenario.Settings.Faults.Count);
        Assert.Equal("0000-f1ee", scenario.Settings.Faults[2].BodyPattern);
    }
}
