using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
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
    [Fact]
    public async Task While_a_normal_read_waits_for_a_token_a_low_one_takes_none_and_the_normal_one_gets_the_next()
    {
        var now = TimeSpan.Zero;
        var budget = new ReadBudget(() => now);
        Assert.Equal(TimeSpan.Zero, budget.TryTake());
        budget.Answered(remaining: null, retryAfter: TimeSpan.FromSeconds(1)); // a 429: nothing goes for 1 s

        var normal = budget.TakeAsync(RequestPriority.Normal, CancellationToken.None); // sleeps that second
        Assert.False(normal.IsCompleted);
        now += TimeSpan.FromSeconds(1.5); // the pause is over, 37 tokens came back
        Assert.NotEqual(TimeSpan.Zero, budget.TryTake(RequestPriority.Low)); // the waiting normal read goes first
        await normal.WaitAsync(TimeSpan.FromSeconds(5)); // its next look takes one
        Assert.Equal(TimeSpan.Zero, budget.TryTake(RequestPriority.Low)); // none waits now
    }

    [Fact]
    public void Low_reads_take_tokens_as_normal_ones_do_when_no_normal_read_waits()
    {
        var budget = new ReadBudget(() => TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, budget.TryTake(RequestPriority.Low));
        budget.Answered(remaining: 3, retryAfter: null);
        Assert.Equal(TimeSpan.Zero, budget.TryTake(RequestPriority.Low));
        Assert.NotEqual(TimeSpan.Zero, budget.TryTake(RequestPriority.Low)); // the reserve holds for both
    }
}
