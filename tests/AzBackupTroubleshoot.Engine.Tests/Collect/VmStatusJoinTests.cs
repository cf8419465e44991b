using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using Xunit;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

public sealed class VmStatusJoinTests
{
    private const string Id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string View = """{"vmAgent":{"vmAgentVersion":"2.7"},"statuses":[{"code":"PowerState/running"}],"computerName":"café <&>"}""";

    [Fact]
    public void The_status_view_goes_last_into_the_models_properties_and_every_other_member_keeps_its_place_and_value()
    {
        var merged = Join("""{"name":"vm1","id":"ID","properties":{"vmId":"x","storageProfile":{"osDisk":{"osType":"Linux"}}},"tags":{"k":"é+"}}""");

        Assert.Equal(new[] { "name", "id", "properties", "tags" }, merged.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "vmId", "storageProfile", "instanceView" }, merged.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("café <&>", merged.GetProperty("properties").GetProperty("instanceView").GetProperty("computerName").GetString());
        Assert.Equal("é+", merged.GetProperty("tags").GetProperty("k").GetString());
        Assert.Equal("Linux", merged.GetProperty("properties").GetProperty("storageProfile").GetProperty("osDisk").GetProperty("osType").GetString());
    }

    [Fact]
    public void A_view_the_model_already_carries_is_replaced_in_place_and_a_model_without_properties_gets_them()
    {
        var replaced = Join("""{"id":"ID","properties":{"instanceView":{"old":true},"vmId":"x"}}""");
        Assert.Equal(new[] { "instanceView", "vmId" }, replaced.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(replaced.GetProperty("properties").GetProperty("instanceView").TryGetProperty("old", out _));

        var added = Join("""{"id":"ID","properties":null}""");
        Assert.Equal("2.7", added.GetProperty("properties").GetProperty("instanceView").GetProperty("vmAgent").GetProperty("vmAgentVersion").GetString());
        var bare = Join("""{"id":"ID"}""");
        Assert.Equal(JsonValueKind.Object, bare.GetProperty("properties").GetProperty("instanceView").ValueKind);
    }

    [Fact]
    public async Task The_text_the_join_hands_over_for_the_set_is_the_merged_vm_the_checks_on_the_vm_alone_saw_and_it_keeps_none()
    {
        // The VM is judged alone from the element handed on, then with its lists from the set's copy of its text:
        // both must be the same JSON. A model left unmerged (no status, its own view failed) goes over as listed.
        var ready = new List<JsonElement>();
        var other = Id.Replace("vm1", "vm2");
        var join = new VmStatusJoin(_ => true, _ => Task.FromResult<JsonElement?>(null), vms => ready.AddRange(vms));
        join.AddModels(new[] { Parse("""{"id":"ID","properties":{"vmId":"é"}}""".Replace("ID", Id)), Parse("""{ "id": "ID", "properties": {} }""".Replace("ID", other)) });
        join.AddStatuses(new[] { Parse("{\"id\":\"" + Id + "\",\"properties\":{\"instanceView\":" + View + "}}") });
        join.StatusesDone();

        var texts = await join.CompleteAsync();
        Assert.Equal(2, texts.Count);
        Assert.Equal(ready.Single(v => v.GetProperty("id").GetString() == Id).GetRawText(), System.Text.Encoding.UTF8.GetString(texts[0]));
        Assert.Equal("""{ "id": "ID", "properties": {} }""".Replace("ID", other), System.Text.Encoding.UTF8.GetString(texts[1]));
        Assert.Empty(await join.CompleteAsync());
    }

    /// <summary>The model through a join whose statusOnly page carries <see cref="View"/>; what the join hands on.</summary>
    private static JsonElement Join(string model)
    {
        var ready = new List<JsonElement>();
        var join = new VmStatusJoin(_ => true, _ => Task.FromResult<JsonElement?>(null), vms => ready.AddRange(vms));
        join.AddModels(new[] { Parse(model.Replace("ID", Id)) });
        join.AddStatuses(new[] { Parse("{\"id\":\"" + Id + "\",\"properties\":{\"instanceView\":" + View + "}}") });
        return Assert.Single(ready);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
