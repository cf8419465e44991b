using System.Text.Json;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

/// <summary>A VM waiting for its restore points is held as text (InventoryFile.ToUtf8) and read back when they are in.</summary>
public class InventoryTextTests
{
    [Fact]
    public void An_inventory_kept_with_some_parts_reads_back_the_same_and_still_exists()
    {
        var whole = Scenario.Load("vault.json").Vm("vm-hourly");
        var kept = whole.WithOnly(new[] { InventoryParts.RestorePoints, InventoryParts.Vaults, InventoryParts.Locks });
        Assert.Null(kept.Vm);

        var back = InventoryFile.FromUtf8(InventoryFile.ToUtf8(kept));

        Assert.True(back.Exists); // its model was dropped, not missing: not taken for a deleted VM
        Assert.Equal(whole.VmId, back.VmId);
        Assert.Equal(kept.Protection.Select(p => (p.VaultId, Text(p.ProtectedItem), Text(p.Policy))),
            back.Protection.Select(p => (p.VaultId, Text(p.ProtectedItem), Text(p.Policy))));
        Assert.Equal(kept.Jobs.Select(Text), back.Jobs.Select(Text));
        Assert.Equal(kept.RestorePointResourceGroups, back.RestorePointResourceGroups);
        Assert.Equal(kept.Locks.Select(l => Text(l.Json)), back.Locks.Select(l => Text(l.Json)));
        Assert.NotEmpty(back.Protection);
    }

    // The text is written compact: compared as compact JSON.
    private static string? Text(JsonElement? element) => element == null ? null : JsonSerializer.Serialize(element.Value);
    private static string? Text(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public void A_deleted_vms_inventory_reads_back_as_not_existing()
    {
        var deleted = Scenario.Load("vault.json").Vm("vm-deleted");
        Assert.False(InventoryFile.FromUtf8(InventoryFile.ToUtf8(deleted)).Exists);
    }
}
