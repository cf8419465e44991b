using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

/// <summary>
/// Resource Graph rows shaped as Microsoft documents them, built on the REST spec's examples
/// (Fixtures/resource-graph-rows.json), come back as the ARM resources they stand for.
/// </summary>
public sealed class ResourceGraphRowsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "resource-graph-rows.json"))).RootElement;

    [Fact]
    public void Documented_Recovery_Services_rows_become_ARMs_resources()
    {
        var cases = Fixture.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(3, cases.Count);
        var converted = cases.Select(c => ResourceGraphRows.ToArm(c.GetProperty("row"))).ToList();

        ResourceGraphRows.Arrange(converted);

        foreach (var expected in cases)
        {
            var arm = JsonNode.Parse(expected.GetProperty("arm").GetRawText());
            var id = (string)arm!["id"]!;
            var actual = Assert.Single(converted, r => string.Equals(r.GetProperty("id").GetString(), id, StringComparison.OrdinalIgnoreCase));
            Assert.True(JsonNode.DeepEquals(arm, JsonNode.Parse(actual.GetRawText())),
                $"{expected.GetProperty("name").GetString()}:\n expected {arm.ToJsonString()}\n got      {actual.GetRawText()}");
        }
    }

    [Fact]
    public void A_policy_no_item_names_keeps_the_id_Resource_Graph_gave()
    {
        var policy = Fixture.GetProperty("resources").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "backup policy").GetProperty("row");
        var converted = new List<JsonElement> { ResourceGraphRows.ToArm(policy) };

        ResourceGraphRows.Arrange(converted);

        Assert.Equal(policy.GetProperty("id").GetString(), converted[0].GetProperty("id").GetString());
        Assert.Equal("Microsoft.RecoveryServices/vaults/backupPolicies", converted[0].GetProperty("type").GetString());
    }
}
