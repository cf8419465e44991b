using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using Xunit;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

public sealed class PrioritySlotsTests
{
    private static Task Take(PrioritySlots slots, RequestPriority priority) => slots.WaitAsync(priority, CancellationToken.None);

    [Fact]
    public async Task A_freed_slot_goes_to_a_waiting_normal_request_before_a_low_one_that_asked_first()
    {
        var slots = new PrioritySlots(1);
        await Take(slots, RequestPriority.Low); // a free slot goes to anyone
        var low = Take(slots, RequestPriority.Low);
        var normal = Take(slots, RequestPriority.Normal);
        Assert.False(low.IsCompleted || normal.IsCompleted);

        slots.Release(RequestPriority.Low);
        await normal.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(low.IsCompleted);
        slots.Release(RequestPriority.Normal);
        await low.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task While_low_requests_wait_normal_ones_leave_them_their_share_and_take_every_slot_when_none_waits()
    {
        var slots = new PrioritySlots(8, lowShare: 2);
        var normals = Enumerable.Range(0, 8).Select(_ => Take(slots, RequestPriority.Normal)).ToList();
        Assert.All(normals, t => Assert.True(t.IsCompletedSuccessfully)); // nothing low waits: all eight
        var lows = Enumerable.Range(0, 3).Select(_ => Take(slots, RequestPriority.Low)).ToList();
        var moreNormal = Take(slots, RequestPriority.Normal);

        // Two normal slots free: the low ones get them (normal ones are at their cap of six while low ones wait).
        slots.Release(RequestPriority.Normal);
        slots.Release(RequestPriority.Normal);
        await Task.WhenAll(lows.Take(2)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(moreNormal.IsCompleted || lows[2].IsCompleted);
        // Under the cap, the normal one goes first; at it again, the last low one.
        slots.Release(RequestPriority.Normal);
        await moreNormal.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(lows[2].IsCompleted);
        slots.Release(RequestPriority.Normal);
        await lows[2].WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_waiter_is_passed_over_and_its_slot_is_not_lost()
    {
        var slots = new PrioritySlots(1);
        await Take(slots, RequestPriority.Normal);
        using var cancel = new CancellationTokenSource();
        var gone = slots.WaitAsync(RequestPriority.Normal, cancel.Token);
        var next = Take(slots, RequestPriority.Low);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);

        slots.Release(RequestPriority.Normal);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        slots.Release(RequestPriority.Low);
        await Take(slots, RequestPriority.Low).WaitAsync(TimeSpan.FromSeconds(5)); // free again
    }
}
