using System.Globalization;
using System.Text.Json;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Engine.Tests.Triage;

/// <summary>
/// Triage on jobs shaped like real ones (Fixtures/job-error-shapes.json, built on the spec's GetJobDetails example): the
/// numeric errorCode, the text in errorString (any language) or the dynamic message, and an errorTitle that is empty or
/// just the VM's name. The entity's name must never be taken for the error.
/// </summary>
public class JobErrorShapeTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "job-error-shapes.json"))).RootElement;
    private static readonly FailureDiagnoser Diagnoser = new(new CultureInfo("en-US"), context: TestEvaluation.Context);

    public static TheoryData<string> Jobs()
    {
        var data = new TheoryData<string>();
        foreach (var job in Fixture.GetProperty("jobs").EnumerateArray()) data.Add(job.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Job(string name) => Fixture.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("name").GetString() == name);

    private static BackupFailureDiagnosis Diagnose(JsonElement job)
    {
        var vm = new VmInventory
        {
            VmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/SwaggerTestRg/providers/Microsoft.Compute/virtualMachines/testvm",
            Name = "testvm", ResourceGroup = "SwaggerTestRg", SubscriptionId = "00000000-0000-0000-0000-000000000000", Jobs = new[] { job },
        };
        return Diagnoser.Diagnose(vm, job);
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Each_real_shape_lands_on_its_entry(string name)
    {
        var job = Job(name);
        var expected = job.GetProperty("expected");
        var d = Diagnose(job);
        Assert.NotNull(d.Match);
        Assert.Equal(expected.GetProperty("code").GetString(), d.Match!.Code);
        Assert.Equal(Enum.Parse<MatchSource>(expected.GetProperty("matchedBy").GetString()!), d.Match.MatchedBy);
        Assert.NotEqual("testvm", d.Match.MatchedText); // the entity's name is never what matched
    }

    [Fact]
    public void A_title_that_is_the_entity_name_is_not_a_code_even_when_a_vm_is_named_like_one()
    {
        // a VM named like a knowledge base code: its name in errorTitle must not decide the diagnosis
        var text = Job("entity-title-unknown-number").GetRawText().Replace("testvm", "UserErrorFsFreezeFailed");
        var d = Diagnose(JsonDocument.Parse(text).RootElement);
        Assert.Equal("UserErrorRpCollectionLimitReached", d.Match!.Code);
    }

    [Fact]
    public void The_numeric_code_and_the_text_are_kept_on_the_diagnosis()
    {
        var d = Diagnose(Job("numeric-code-as-text"));
        Assert.Equal(380008, Assert.Single(d.Errors).ErrorCode);
    }
}
