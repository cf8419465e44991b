using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Deletes as long-running operations: 202 with polling URLs, InProgress then Succeeded, injected failure.</summary>
public sealed class LongRunningDeleteTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;

    [Fact]
    public async Task A_delete_is_accepted_polled_to_success_and_then_the_resource_is_gone()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        await client.SendAsync(HttpMethod.Delete, BackupRgLockId + V);

        var accepted = await client.SendAsync(HttpMethod.Delete, RpcId + V);
        var during = await client.GetAsync(RpcId + V);
        var asyncOperation = accepted.Headers["Azure-AsyncOperation"];
        var first = await client.GetAsync(asyncOperation);
        var second = await client.GetAsync(asyncOperation);
        var after = await client.GetAsync(RpcId + V);

        Assert.Equal(202, accepted.Status);
        Assert.Equal("1", accepted.Headers["Retry-After"]);
        Assert.StartsWith($"{emulator.Endpoint}subscriptions/{Sub}/providers/Microsoft.Compute/locations/westeurope/operations/", asyncOperation);
        Assert.Contains("monitor=true", accepted.Headers["Location"]);
        Assert.Equal("Deleting", during.Body!.Value.GetProperty("properties").GetProperty("provisioningState").GetString());
        Assert.Equal("InProgress", first.Str("status"));
        Assert.Equal("Succeeded", second.Str("status"));
        Assert.Equal(404, after.Status);
    }

    [Fact]
    public async Task The_Location_url_answers_202_while_running_and_204_when_done()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var accepted = await client.SendAsync(HttpMethod.Delete, ExtensionId + V);
        var running = await client.GetAsync(accepted.Headers["Location"]);
        var done = await client.GetAsync(accepted.Headers["Location"]);

        Assert.Equal(202, running.Status);
        Assert.Equal(204, done.Status);
    }

    [Fact]
    public async Task Deleting_an_extension_also_drops_it_from_the_VM_instance_view()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var accepted = await client.SendAsync(HttpMethod.Delete, ExtensionId + V);
        await client.GetAsync(accepted.Headers["Azure-AsyncOperation"]);
        await client.GetAsync(accepted.Headers["Azure-AsyncOperation"]);
        var view = await client.GetAsync(VmId + "/instanceView" + V);

        Assert.Equal(0, view.Body!.Value.GetProperty("extensions").GetArrayLength());
        Assert.Equal(404, (await client.GetAsync(ExtensionId + V)).Status);
    }

    [Fact]
    public async Task A_single_restore_point_can_be_deleted_from_its_collection()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        await client.SendAsync(HttpMethod.Delete, BackupRgLockId + V);

        var accepted = await client.SendAsync(HttpMethod.Delete, RpcId + "/restorePoints/rp1" + V);
        await client.GetAsync(accepted.Headers["Azure-AsyncOperation"]);
        await client.GetAsync(accepted.Headers["Azure-AsyncOperation"]);
        var collection = await client.GetAsync(RpcId + V + "&$expand=restorePoints");

        var remaining = collection.Body!.Value.GetProperty("properties").GetProperty("restorePoints");
        Assert.Equal("rp2", Assert.Single(remaining.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_injected_timeout_fails_the_operation_once_and_the_retry_succeeds()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        emulator.Faults.Add(new FaultRule { Method = "DELETE", PathPattern = "/restorePointCollections/[^/]+$", Status = 202, ErrorCode = "OperationTimedOut" });
        using var client = new EmulatorClient(emulator);
        await client.SendAsync(HttpMethod.Delete, BackupRgLockId + V);

        var firstTry = await client.SendAsync(HttpMethod.Delete, RpcId + V);
        await client.GetAsync(firstTry.Headers["Azure-AsyncOperation"]);
        var failed = await client.GetAsync(firstTry.Headers["Azure-AsyncOperation"]);
        var stillThere = await client.GetAsync(RpcId + V);
        var retry = await client.SendAsync(HttpMethod.Delete, RpcId + V);
        await client.GetAsync(retry.Headers["Azure-AsyncOperation"]);
        var succeeded = await client.GetAsync(retry.Headers["Azure-AsyncOperation"]);

        Assert.Equal(202, firstTry.Status);
        Assert.Equal("Failed", failed.Str("status"));
        Assert.Equal("OperationTimedOut", failed.Body!.Value.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Succeeded", stillThere.Body!.Value.GetProperty("properties").GetProperty("provisioningState").GetString());
        Assert.Equal("Succeeded", succeeded.Str("status"));
        Assert.Equal(404, (await client.GetAsync(RpcId + V)).Status);
    }

    [Fact]
    public async Task Deleting_something_absent_answers_204()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.SendAsync(HttpMethod.Delete, Rg + "/providers/Microsoft.Compute/disks/never-existed" + V);

        Assert.Equal(204, reply.Status);
    }
}
