using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Plain PUT (create or replace) and PATCH (merge) of resources, and unsupported actions.</summary>
public sealed class PutAndPatchTests
{
    private const string V = "?" + EmulatorClient.ApiVersion;

    [Fact]
    public async Task Put_creates_a_resource_with_its_type_from_the_path_then_replaces_it()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);
        var diskId = Rg + "/providers/Microsoft.Compute/disks/new-disk";

        var created = await client.SendAsync(HttpMethod.Put, diskId + V, """{"location":"westeurope","properties":{"diskSizeGB":64}}""");
        var replaced = await client.SendAsync(HttpMethod.Put, diskId + V, """{"properties":{"diskSizeGB":128}}""");
        var (listed, _) = await client.ListAllAsync(Rg + "/providers/Microsoft.Compute/disks" + V);

        Assert.Equal(201, created.Status);
        Assert.Equal("Microsoft.Compute/disks", created.Str("type"));
        Assert.Equal(200, replaced.Status);
        Assert.Equal("westeurope", replaced.Str("location"));
        Assert.Equal(128, Assert.Single(listed).GetProperty("properties").GetProperty("diskSizeGB").GetInt32());
    }

    [Fact]
    public async Task Patch_merges_into_properties_and_404s_for_an_absent_resource()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var patched = await client.SendAsync(HttpMethod.Patch, ItemId + V, """{"properties":{"protectionState":"ProtectionStopped"}}""");
        var absent = await client.SendAsync(HttpMethod.Patch, Rg + "/providers/Microsoft.Compute/disks/none" + V, """{"tags":{}}""");

        var properties = patched.Body!.Value.GetProperty("properties");
        Assert.Equal("ProtectionStopped", properties.GetProperty("protectionState").GetString());
        Assert.Equal("vm-web", properties.GetProperty("friendlyName").GetString());
        Assert.Equal(404, absent.Status);
    }

    [Fact]
    public async Task Unsupported_actions_and_bad_bodies_are_refused_clearly()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var action = await client.SendAsync(HttpMethod.Post, VmId + "/restart" + V);
        var badJson = await client.SendAsync(HttpMethod.Put, Rg + "/providers/Microsoft.Compute/disks/x" + V, "{not json");

        Assert.Equal((501, "NotImplementedInEmulator"), (action.Status, action.ErrorCode));
        Assert.Equal((400, "InvalidRequestContent"), (badJson.Status, badJson.ErrorCode));
    }
}
