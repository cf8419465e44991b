using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.RestorePoints;
using AzBackupTroubleshoot.Checks.Vault;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

/// <summary>The restore-point count judged by policy type (Fixtures/enhanced-policy.json): Standard by the fixed 18, Enhanced by its schedule.</summary>
public class EnhancedPolicyTests
{
    private static readonly Scenario Policies = Scenario.Load("enhanced-policy.json");

    [Fact]
    public void Schedule_reads_a_V2_hourly_policy()
    {
        var schedule = Policies.Vm("vm-v2-ok").Protection.Single().Schedule!;
        Assert.True(schedule.IsEnhanced);
        Assert.Equal(6, schedule.BackupsPerDay);   // every 4 h over a 24 h window
        Assert.Equal(7, schedule.RetentionDays);
        Assert.Equal(42, schedule.PointsKept);
        Assert.Equal(6 * (7 + 2) + 1, schedule.MostExpected);
    }

    [Fact]
    public void Schedule_reads_a_V2_daily_policy_and_a_standard_one()
    {
        var daily = Policies.Vm("vm-v2-daily-30").Protection.Single().Schedule!;
        Assert.True(daily.IsEnhanced);
        Assert.Equal(1, daily.BackupsPerDay);
        Assert.Equal("properties.schedulePolicy.dailySchedule.scheduleRunTimes", daily.FrequencyPath);
        var standard = Policies.Vm("vm-v1-ok").Protection.Single().Schedule!;
        Assert.False(standard.IsEnhanced);
        Assert.Equal(5, standard.MostExpected);
    }

    [Theory]
    [InlineData("vm-v2-ok")]        // 40 points: far above 18, normal for 6 a day kept 7 days
    [InlineData("vm-v2-daily-30")]  // 30 points: a daily V2 policy keeping snapshots 30 days
    public void CollectionLimit_passes_an_enhanced_vm_holding_what_its_policy_keeps(string vm)
    {
        var outcome = Policies.Evaluate(new CollectionLimitCheck(), vm);
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("Standard limit of 18 does not apply", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.policyType" && e.Value == "Enhanced");
    }

    [Fact]
    public void CollectionLimit_warns_an_enhanced_vm_above_what_its_policy_keeps()
    {
        var outcome = Policies.Evaluate(new CollectionLimitCheck(), "vm-v2-stalled");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("70 restore points", outcome.Message.English());
        Assert.Contains("more than the 55", outcome.Message.English());
    }

    [Fact]
    public void CollectionLimit_keeps_the_fixed_limit_for_standard_policies()
    {
        Assert.Equal(CheckStatus.Pass, Policies.Evaluate(new CollectionLimitCheck(), "vm-v1-piling").Status);
        var points = Scenario.Load("restore-points.json");
        Assert.Equal(CheckStatus.Fail, points.Evaluate(new CollectionLimitCheck(), "vm-rp-18").Status); // no policy known: Standard rules
    }

    [Theory]
    [InlineData("vm-v2-ok")]
    [InlineData("vm-v2-daily-30")]
    [InlineData("vm-v1-ok")]
    public void CleanupStalled_passes_when_the_count_fits_the_policy(string vm)
        => Assert.Equal(CheckStatus.Pass, Policies.Evaluate(new CleanupStalledCheck(), vm).Status);

    [Fact]
    public void CleanupStalled_names_the_lock_on_the_collection_as_the_cause()
    {
        var outcome = Policies.Evaluate(new CleanupStalledCheck(), "vm-v2-stalled");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("'keep-snapshots' (CanNotDelete", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/locks/keep-snapshots") && e.Value == "CanNotDelete");
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.restorePoints.length" && e.Value == "70");
    }

    [Fact]
    public void CleanupStalled_flags_a_standard_vm_piling_up_below_18_without_a_lock()
    {
        var outcome = Policies.Evaluate(new CleanupStalledCheck(), "vm-v1-piling");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("10 restore points, more than the 5", outcome.Message.English());
        Assert.Contains("No lock was found", outcome.Message.English());
    }

    [Fact]
    public void CleanupStalled_skips_without_a_policy_or_when_restore_points_are_unreadable()
    {
        Assert.Equal(CheckStatus.Skipped, Scenario.Load("restore-points.json").Evaluate(new CleanupStalledCheck(), "vm-rp-18").Status);
        var unread = Scenario.Load("enhanced-policy.json", set => set.MarkUnavailable(InventoryParts.RestorePoints, "throttled"));
        Assert.Equal(CheckStatus.Skipped, unread.Evaluate(new CleanupStalledCheck(), "vm-v2-stalled").Status);
    }

    [Fact]
    public void BackupFrequency_does_not_warn_on_a_healthy_hourly_enhanced_policy()
    {
        var outcome = Policies.Evaluate(new BackupFrequencyCheck(), "vm-v2-ok");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("6 time(s) a day", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.schedulePolicy.hourlySchedule" && e.Value == "interval 4 h, window 24 h");
    }
}

/// <summary>Disks.SupportedType by policy type (Fixtures/enhanced-policy.json).</summary>
public class DiskTypeByPolicyTests
{
    private static readonly Scenario Policies = Scenario.Load("enhanced-policy.json");

    [Theory]
    [InlineData("vm-v1-ultra", "UltraSSD_LRS")]        // Standard cannot protect Ultra
    [InlineData("vm-v1-shared", "not supported by the Standard policy")]
    [InlineData("vm-v1-confidential", "Confidential VM")]
    public void SupportedType_fails_what_the_standard_policy_cannot_protect(string vm, string expected)
    {
        var outcome = Policies.Evaluate(new AzBackupTroubleshoot.Checks.Disks.SupportedTypeCheck(), vm);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains(expected, outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.policyType" && e.Value == "Standard");
    }

    [Theory]
    [InlineData("vm-v2-premv2")]            // Premium SSD v2 under Enhanced
    [InlineData("vm-v2-shared-excluded")]   // shared disk excluded, the rest backed up
    [InlineData("vm-v2-trusted")]           // Trusted Launch
    [InlineData("vm-v2-ok")]
    public void SupportedType_passes_what_the_enhanced_policy_supports(string vm)
        => Assert.Equal(CheckStatus.Pass, Policies.Evaluate(new AzBackupTroubleshoot.Checks.Disks.SupportedTypeCheck(), vm).Status);

    [Fact]
    public void SupportedType_warns_on_a_shared_disk_the_enhanced_policy_does_not_exclude()
    {
        var outcome = Policies.Evaluate(new AzBackupTroubleshoot.Checks.Disks.SupportedTypeCheck(), "vm-v2-shared");
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains("maxShares 2", outcome.Message.English());
    }

    [Fact]
    public void Trusted_launch_on_a_standard_policy_is_not_flagged()
    {
        // Standard supports Trusted Launch through REST 2025-01-01+ (backup-azure-vms-enhanced-policy.md, 06/2025).
        var outcome = Policies.Evaluate(new AzBackupTroubleshoot.Checks.Disks.SupportedTypeCheck(), "vm-v1-ok");
        Assert.Equal(CheckStatus.Pass, outcome.Status);
    }
}
