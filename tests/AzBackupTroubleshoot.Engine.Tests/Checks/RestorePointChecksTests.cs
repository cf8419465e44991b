using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class RestorePointChecksTests
{
    private static readonly Scenario Points = Scenario.Load("restore-points.json");

    [Fact]
    public void CollectionLimit_counts_across_collections_and_groups()
    {
        var outcome = Points.Evaluate(new CollectionLimitCheck(), "vm-rp-18");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("18 restore points", outcome.Message.English());
        Assert.Equal(new[] { "10", "8" }, outcome.Evidence.Select(e => e.Value));
    }

    [Fact]
    public void CollectionLimit_warns_from_16()
        => Assert.Equal(CheckStatus.Warning, Points.Evaluate(new CollectionLimitCheck(), "vm-rp-16").Status);

    [Fact]
    public void CollectionLimit_skips_when_a_collection_was_not_expanded()
    {
        var outcome = Points.Evaluate(new CollectionLimitCheck(), "vm-rp-unexpanded");
        Assert.Equal(CheckStatus.Skipped, outcome.Status);
        Assert.Contains("AzureBackupRG_vm-rp-unexpanded_1", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-rp-few")]
    [InlineData("vm-rp-none")]
    public void CollectionLimit_passes_below_16(string vm)
        => Assert.Equal(CheckStatus.Pass, Points.Evaluate(new CollectionLimitCheck(), vm).Status);

    [Fact]
    public void CollectionLimit_skips_when_restore_points_could_not_be_read()
    {
        var scenario = Scenario.Load("restore-points.json", set => set.MarkUnavailable(InventoryParts.RestorePoints, "throttled"));
        Assert.Equal(CheckStatus.Skipped, scenario.Evaluate(new CollectionLimitCheck(), "vm-rp-18").Status);
    }
}
