using System.Text;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Inventory;

/// <summary>The set keeps each resource as its UTF-8 text and parses it on every read: what comes back must be what went in.</summary>
public sealed class ResourceSetTests
{
    private const string Sub = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private const string Vm1 = Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

    [Fact]
    public void A_resource_read_back_is_the_json_it_was_added_as_byte_for_byte_after_its_page_is_gone()
    {
        // Whitespace, escapes and non-ASCII as a page gives them: nothing is re-encoded on the way through the set.
        const string disk = "{ \"id\": \"" + Sub + "/resourceGroups/rg/providers/Microsoft.Compute/disks/d1\",\n  \"type\": \"Microsoft.Compute/disks\","
            + " \"tags\": {\"owner\": \"caf\\u00e9 <&> +\", \"n\": \"ü\"}, \"properties\": {\"diskSizeGB\": 128, \"x\": [1.50, true, null]} }";
        var set = new ResourceSet();
        using (var page = JsonDocument.Parse("{\"value\":[" + disk + "]}"))
            set.Add(page.RootElement.GetProperty("value")[0]);

        var read = set.Get(Sub + "/resourceGroups/RG/providers/Microsoft.Compute/disks/D1/")!.Value;
        Assert.Equal(disk, read.GetRawText());
        Assert.Equal("café <&> +", read.Str("tags.owner"));
        Assert.Equal(disk, Assert.Single(set.OfType(ResourceTypes.Disk)).GetRawText());
        Assert.Equal(Encoding.UTF8.GetBytes(disk), set.TextOf(read.Id()).ToArray());
    }

    [Fact]
    public void A_resource_added_as_text_is_kept_as_that_text()
    {
        var text = Encoding.UTF8.GetBytes("{\"id\":\"" + Vm1 + "\",\"type\":\"Microsoft.Compute/virtualMachines\",\"properties\":{\"instanceView\":{\"computerName\":\"é\"}}}");
        var set = new ResourceSet();
        set.AddUtf8(text);
        Assert.Same(text, System.Runtime.InteropServices.MemoryMarshal.TryGetArray(set.TextOf(Vm1), out var segment) ? segment.Array : null);
        Assert.Equal("é", set.Get(Vm1).Str("properties.instanceView.computerName"));
        Assert.Equal(new[] { Vm1 }, set.IdsOf(ResourceTypes.VirtualMachine));
    }

    [Fact]
    public void Every_read_is_a_document_of_its_own()
    {
        var set = new ResourceSet();
        set.Add(Parse("{\"id\":\"" + Vm1 + "\",\"type\":\"Microsoft.Compute/virtualMachines\",\"name\":\"vm1\"}"));
        var first = set.Get(Vm1)!.Value;
        var second = set.Get(Vm1)!.Value;
        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.False(JsonElement.DeepEquals(first, Parse("{}")));
        Assert.True(JsonElement.DeepEquals(first, second));
    }

    [Fact]
    public void A_second_copy_replaces_the_first_in_its_place_with_its_join_key_and_its_spelling_of_the_id()
    {
        var set = new ResourceSet();
        string Collection(string id, string source) => "{\"id\":\"" + id + "\",\"type\":\"Microsoft.Compute/restorePointCollections\",\"properties\":{\"source\":{\"id\":\"" + source + "\"}}}";
        var a = Sub + "/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Compute/restorePointCollections/a";
        var b = Sub + "/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Compute/restorePointCollections/b";
        set.Add(Parse(Collection(a, Vm1)));
        set.Add(Parse(Collection(b, Vm1)));
        set.Add(Parse(Collection(a.ToUpperInvariant() + "/", Vm1 + "/other")));

        Assert.Equal(new[] { (a.ToUpperInvariant() + "/", (string?)(Vm1 + "/other")), (b, Vm1) }, set.JoinKeysOf(ResourceTypes.RestorePointCollection));
        Assert.Equal(new[] { a.ToUpperInvariant() + "/", b }, set.IdsOf(ResourceTypes.RestorePointCollection));
        Assert.Equal(Vm1 + "/other", set.Get(a).Str("properties.source.id"));
        Assert.True(set.Contains(a + "/"));
        Assert.False(set.Contains(a + "x"));
        Assert.Null(set.Get(a + "x"));
    }

    [Fact]
    public void What_the_builder_joins_by_is_taken_when_a_resource_is_added()
    {
        Assert.Equal(Vm1, InventoryBuilder.JoinKeyOf(ResourceTypes.ProtectedItem, Parse("{\"properties\":{\"virtualMachineId\":\"" + Vm1 + "\"}}")));
        Assert.Equal("src", InventoryBuilder.JoinKeyOf(ResourceTypes.ProtectedItem, Parse("{\"properties\":{\"sourceResourceId\":\"src\",\"virtualMachineId\":\"" + Vm1 + "\"}}")));
        Assert.Equal("vm1", InventoryBuilder.JoinKeyOf(ResourceTypes.BackupJob, Parse("{\"properties\":{\"entityFriendlyName\":\"vm1\"}}")));
        Assert.Equal(Vm1, InventoryBuilder.JoinKeyOf(ResourceTypes.RestorePointCollection, Parse("{\"properties\":{\"source\":{\"id\":\"" + Vm1 + "\"}}}")));
        Assert.Null(InventoryBuilder.JoinKeyOf(ResourceTypes.Disk, Parse("{\"properties\":{\"source\":{\"id\":\"" + Vm1 + "\"}}}")));
    }

    /// <summary>Every fixture: each part of each inventory is, as JSON, the resource the fixture file holds.</summary>
    [Theory]
    [InlineData("vault.json")]
    [InlineData("locks.json")]
    [InlineData("network.json")]
    [InlineData("disks-and-encryption.json")]
    [InlineData("restore-points.json")]
    [InlineData("azure-policy.json")]
    [InlineData("extensions.json")]
    public void Inventories_built_from_the_set_hold_the_fixtures_resources_unchanged(string fixture)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        var original = file.RootElement.Array("resources").GroupBy(r => r.Id().TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().GetRawText(), StringComparer.OrdinalIgnoreCase);
        void Same(JsonElement? part)
        {
            if (part is JsonElement json && original.TryGetValue(json.Id().TrimEnd('/'), out var text)) Assert.Equal(text, json.GetRawText());
        }
        var inventories = Scenario.Load(fixture).Inventories;
        Assert.NotEmpty(inventories);
        foreach (var inventory in inventories)
        {
            Same(inventory.Vm);
            foreach (var p in inventory.Disks.Concat(inventory.RestorePointCollections).Concat(inventory.Jobs).Concat(inventory.KeyVaults).Concat(inventory.PolicyExemptions)) Same(p);
            foreach (var p in inventory.Protection) { Same(p.ProtectedItem); Same(p.Policy); }
            foreach (var n in inventory.Network) { Same(n.Nic); Same(n.NicSecurityGroup); Same(n.SubnetSecurityGroup); }
            foreach (var l in inventory.Locks) Same(l.Json);
            foreach (var a in inventory.PolicyAssignments) { Same(a.Assignment); Same(a.Definition); foreach (var m in a.Members) Same(m); }
        }
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
