using System.Text.Json;
using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Lock lists, lock PUT/DELETE, and the ScopeLocked answers locks cause.</summary>
public sealed class LockTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;
    private const string SubscriptionLock = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/locks/sub-readonly";

    [Fact]
    public async Task Subscription_list_holds_every_lock_and_a_group_list_adds_inherited_ones()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        await client.SendAsync(HttpMethod.Put, SubscriptionLock + V, """{"properties":{"level":"ReadOnly"}}""");

        var (all, _) = await client.ListAllAsync($"/subscriptions/{Sub}/providers/Microsoft.Authorization/locks" + V);
        var (backupGroup, _) = await client.ListAllAsync(BackupRg + "/providers/Microsoft.Authorization/locks" + V);
        var (appGroup, _) = await client.ListAllAsync(Rg + "/providers/Microsoft.Authorization/locks" + V);

        var both = new[] { BackupRgLockId, SubscriptionLock }.Order(StringComparer.Ordinal);
        Assert.Equal(both, Ids(all).Order(StringComparer.Ordinal));
        Assert.Equal(both, Ids(backupGroup).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { SubscriptionLock }, Ids(appGroup));
    }

    [Fact]
    public async Task Put_creates_then_updates_a_lock_and_delete_removes_it()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        var lockId = Rg + "/providers/Microsoft.Authorization/locks/no-delete";

        var created = await client.SendAsync(HttpMethod.Put, lockId + V, """{"properties":{"level":"CanNotDelete","notes":"first","owners":[{"applicationId":"app"}]}}""");
        var updated = await client.SendAsync(HttpMethod.Put, lockId + V, """{"properties":{"level":"ReadOnly","notes":"second"}}""");
        var read = await client.GetAsync(lockId + V);
        var deleted = await client.SendAsync(HttpMethod.Delete, lockId + V);
        var deletedAgain = await client.SendAsync(HttpMethod.Delete, lockId + V);
        var gone = await client.GetAsync(lockId + V);

        Assert.Equal(201, created.Status);
        Assert.Equal("app", created.Body!.Value.GetProperty("properties").GetProperty("owners")[0].GetProperty("applicationId").GetString());
        Assert.Equal(200, updated.Status);
        Assert.Equal("ReadOnly", read.Body!.Value.GetProperty("properties").GetProperty("level").GetString());
        Assert.Equal("second", read.Body.Value.GetProperty("properties").GetProperty("notes").GetString());
        Assert.Equal(200, deleted.Status);
        Assert.Equal(204, deletedAgain.Status);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task A_lock_without_a_valid_level_is_refused()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.SendAsync(HttpMethod.Put, Rg + "/providers/Microsoft.Authorization/locks/bad" + V, """{"properties":{"level":"Sometimes"}}""");

        Assert.Equal(400, reply.Status);
    }

    [Fact]
    public async Task Deleting_under_a_CanNotDelete_lock_answers_409_ScopeLocked_naming_the_locked_scope()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.SendAsync(HttpMethod.Delete, RpcId + V);

        Assert.Equal(409, reply.Status);
        Assert.Equal("ScopeLocked", reply.ErrorCode);
        Assert.Contains($"The scope '{RpcId}' cannot perform delete operation", reply.ErrorMessage);
        Assert.Contains($"'{BackupRg}'", reply.ErrorMessage);
        Assert.NotNull(emulator.Scenario.Get(RpcId));
    }

    [Fact]
    public async Task Removing_the_lock_unblocks_the_delete()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        await client.SendAsync(HttpMethod.Delete, BackupRgLockId + V);
        var reply = await client.SendAsync(HttpMethod.Delete, RpcId + V);

        Assert.Equal(202, reply.Status);
    }

    [Fact]
    public async Task A_subscription_ReadOnly_lock_blocks_writes_and_actions_below_it_but_not_reads()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        await client.SendAsync(HttpMethod.Put, SubscriptionLock + V, """{"properties":{"level":"ReadOnly"}}""");

        var put = await client.SendAsync(HttpMethod.Put, Rg + "/providers/Microsoft.Compute/disks/new-disk" + V, """{"location":"westeurope","properties":{}}""");
        var backup = await client.SendAsync(HttpMethod.Post, ItemId + "/backup" + V, """{"properties":{"objectType":"IaasVMBackupRequest"}}""");
        var delete = await client.SendAsync(HttpMethod.Delete, ExtensionId + V);
        var read = await client.GetAsync(VmId + V);

        Assert.Equal((409, "ScopeLocked"), (put.Status, put.ErrorCode));
        Assert.Contains("cannot perform write operation", put.ErrorMessage);
        Assert.Equal((409, "ScopeLocked"), (backup.Status, backup.ErrorCode));
        Assert.Equal((409, "ScopeLocked"), (delete.Status, delete.ErrorCode));
        Assert.Contains($"'/subscriptions/{Sub}'", delete.ErrorMessage);
        Assert.Equal(200, read.Status);
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("id").GetString()!);
}
