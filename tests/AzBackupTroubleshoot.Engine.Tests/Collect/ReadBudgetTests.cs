using System;
using AzBackupTroubleshoot.Collect;
using Xunit;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

public sealed class ReadBudgetTests
{
    [Fact]
    public void Nothing_is_paced_until_ARM_reports_the_remaining_reads()
    {
        var budget = new ReadBudget(() => TimeSpan.Zero);
        for (var i = 0; i < 300; i++) Assert.Equal(TimeSpan.Zero, budget.TryTake());
    }

    [Fact]
    public void Few_reads_left_means_a_pause_of_the_refill_time_and_a_429_blocks_for_its_Retry_After()
    {
        var now = TimeSpan.Zero;
        var budget = new ReadBudget(() => now);
        Assert.Equal(TimeSpan.Zero, budget.TryTake());
        budget.Answered(remaining: 3, retryAfter: null);

        Assert.Equal(TimeSpan.Zero, budget.TryTake()); // 3 left, 2 kept in reserve
        var wait = budget.TryTake();
        Assert.Equal(TimeSpan.FromSeconds(1.0 / ReadBudget.DocumentedRefillPerSecond), wait); // needs one more token
        now += wait + TimeSpan.FromMilliseconds(1);
        Assert.Equal(TimeSpan.Zero, budget.TryTake());

        budget.Answered(remaining: null, retryAfter: TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), budget.TryTake());
        Assert.Equal(now + TimeSpan.FromSeconds(2), budget.WaitingUntil);
        now += TimeSpan.FromSeconds(2);
        Assert.Equal(TimeSpan.Zero, budget.TryTake()); // 50 tokens came back meanwhile
    }
}
