using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

/// <summary>
/// When Resource Graph's quota is short, the queries of an earlier wave (restore point collections, then VMs) take
/// what is left of the window for the pages they are still to send, between their pages too; when it is not, every query goes at once.
/// </summary>
public sealed class GraphQuotaTests
{
    private static async Task<GraphQuota> WithQueriesLeftAsync(int left)
    {
        var quota = new GraphQuota();
        using var probe = quota.Open(0);
        await quota.TakeAsync(probe, CancellationToken.None);
        quota.Answered(probe, new Dictionary<string, string> { [GraphQuota.RemainingHeader] = left.ToString(), [GraphQuota.ResetsAfterHeader] = "00:00:05" });
        return quota;
    }

    [Fact]
    public async Task The_last_query_of_the_window_is_kept_for_a_better_ranked_query_between_its_pages()
    {
        var quota = await WithQueriesLeftAsync(3);
        using var better = quota.Open(0); // under way, between two pages
        quota.Expect(better, 3);          // its answer said three more pages
        using var later = quota.Open(2);

        var worse = quota.TakeAsync(later, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(worse.IsCompleted, "a later wave's query took a slot kept for the earlier wave");
        for (var page = 0; page < 3; page++)
        {
            var next = quota.TakeAsync(better, CancellationToken.None);
            Assert.True(next.IsCompleted, $"the earlier wave's page {page + 1} waited");
            await next;
            quota.Answered(better, null);
            quota.Expect(better, 2 - page); // as the reader does from each answer's totalRecords
        }
        await worse; // the earlier wave is done: the later one goes
    }

    [Fact]
    public async Task Pages_of_a_better_ranked_query_already_sent_are_not_kept_room_for_twice()
    {
        // Five queries left; the better-ranked query's answer said three more pages, and all three are out (side by side).
        var quota = await WithQueriesLeftAsync(5);
        using var better = quota.Open(0);
        await quota.TakeAsync(better, CancellationToken.None);
        quota.Answered(better, null);
        quota.Expect(better, 3);
        for (var page = 0; page < 3; page++) await quota.TakeAsync(better, CancellationToken.None);
        using var later = quota.Open(1);

        // Two of the window's five are free and none is to be kept (the three pages are in flight): two later pages go.
        for (var page = 0; page < 2; page++)
        {
            var next = quota.TakeAsync(later, CancellationToken.None);
            Assert.True(next.IsCompleted, $"a later wave's page {page + 1} waited for pages already sent");
            await next;
        }
        // Then the window is used up.
        using var stop = new CancellationTokenSource();
        var over = quota.TakeAsync(later, stop.Token);
        await Task.Delay(100);
        Assert.False(over.IsCompleted, "a query went with the window used up");
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => over);
    }

    [Fact]
    public async Task Before_the_first_answer_two_queries_go_and_a_better_ranked_one_first()
    {
        var quota = new GraphQuota();
        using var collections = quota.Open(0);
        using var vms = quota.Open(1);
        using var rest = quota.Open(2);
        await quota.TakeAsync(collections, CancellationToken.None);

        var worse = quota.TakeAsync(rest, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(worse.IsCompleted, "a later wave's query went before a better-ranked one that had sent nothing");
        var second = quota.TakeAsync(vms, CancellationToken.None);
        Assert.True(second.IsCompleted, "the second query waited for the first answer");
        await second;
        await Task.Delay(100);
        Assert.False(worse.IsCompleted, "a third query went before any answer");

        quota.Answered(collections, new Dictionary<string, string> { [GraphQuota.RemainingHeader] = "13", [GraphQuota.ResetsAfterHeader] = "00:00:05" });
        await worse; // the quota is known: room for it
    }

    [Fact]
    public async Task With_room_for_both_a_later_wave_does_not_wait()
    {
        var quota = await WithQueriesLeftAsync(2);
        using var better = quota.Open(0); // one more page, until its answer says
        using var later = quota.Open(2);

        var worse = quota.TakeAsync(later, CancellationToken.None);
        Assert.True(worse.IsCompleted);
        await worse;
    }

    [Fact]
    public async Task A_query_waiting_for_the_window_goes_when_a_later_answer_brings_the_reset_closer()
    {
        var quota = await WithQueriesLeftAsync(1); // resets in 5 s, by the first answer
        using var sent = quota.Open(0);
        await quota.TakeAsync(sent, CancellationToken.None); // the last query of the window is out
        using var waiting = quota.Open(0);
        var next = quota.TakeAsync(waiting, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(next.IsCompleted, "a query went with the window used up");

        // The query out is answered: none left, but the window resets in 1 s, not in the 4.7 s the first answer implied.
        quota.Answered(sent, new Dictionary<string, string> { [GraphQuota.RemainingHeader] = "0", [GraphQuota.ResetsAfterHeader] = "00:00:01" });
        var woke = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3.5)));
        Assert.True(woke == next, "the waiting query slept on the first answer's estimate");
        Assert.Equal(1, quota.Pauses);
    }
}
