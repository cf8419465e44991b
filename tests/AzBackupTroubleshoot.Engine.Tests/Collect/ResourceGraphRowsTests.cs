using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

/// <summary>
/// Resource Graph rows shaped as Microsoft documents them, built on the REST spec's examples
/// (Fixtures/resource-graph-rows.json), come back as the ARM resources they stand for; the token-by-token conversion
/// gives the text the JsonNode one gave (<see cref="JsonNodeRowConversion"/>), byte for byte.
/// </summary>
public sealed class ResourceGraphRowsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "resource-graph-rows.json"))).RootElement;

    private const string Sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";

    /// <summary>Row shapes beyond the fixture's: every column kind, nesting, escapes, numbers, layout.</summary>
    public static TheoryData<string, string> Rows => new()
    {
        { "VM, every column", $$$$"""
            {"id":"{{{{Sub}}}}/providers/Microsoft.Compute/virtualMachines/vm1","name":"vm1","type":"microsoft.compute/virtualmachines","location":"westeurope",
             "tags":{"env":"prod","empty":"","none":null},"sku":null,"zones":["1"],"identity":{"type":"SystemAssigned","principalId":"p"},"kind":"","plan":null,"managedBy":"",
             "properties":{"vmId":"x","hardwareProfile":{"vmSize":"Standard_D2s_v3"},"storageProfile":{"osDisk":{"osType":"Windows","encryptionSettings":null,"diskSizeGB":127},
             "dataDisks":[{"lun":0,"caching":"None","managedDisk":{"id":"d0"}},{"lun":1,"caching":"","managedDisk":null}]},"currentProtectionState":"kept: not an item","licenseType":""}}
            """ },
        { "protected item", $$$$"""
            {"id":"{{{{Sub}}}}/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/c/protectedItems/VM;i","name":"VM;i",
             "type":"microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems","location":"","tags":null,"kind":"","managedBy":"","identity":null,
             "properties":{"friendlyName":"i","currentProtectionState":"ProtectionConfigured","protectionState":"Protected","dataSourceInfo":{"resourceID":"r","resourceLocation":"westeurope"},
             "isScheduledForDeferredDelete":false,"extendedInfo":{"recoveryPointCount":3,"oldestRecoveryPoint":"2026-11-01T00:00:00Z"}}}
            """ },
        { "protected item whose properties are no object", $$$$"""{"id":"{{{{Sub}}}}/i","type":"microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems","properties":"text"}""" },
        { "escaped strings and names", $$$$"""
            {"id":"{{{{Sub}}}}/providers/Microsoft.Network/networkSecurityGroups/n\u0073g","name":"a\"b\\c\/d\n\t\u00e9\u0027<>&+é😀\ud83d\ude00","type":"Microsoft.Network/networkSecurityGroups",
             "t\u00e4gs":{"k\"ey":"v\u0000w"},"properties":{"description":"line1\r\nline2 \u2028 café","securityRules":[{"name":"allow 'https'"}]}}
            """ },
        { "escaped member names that are the columns", $$$$"""{"\u0069d":"{{{{Sub}}}}/x","ty\u0070e":"microsoft.compute/disks","loc\u0061tion":""}""" },
        { "numbers and booleans", $$$$"""
            {"id":"{{{{Sub}}}}/providers/Microsoft.Compute/disks/d","type":"microsoft.compute/disks","properties":{"a":0,"b":-0,"c":1.0,"d":1.50,"e":1e5,"f":1E-7,
             "g":12345678901234567890123,"h":-3.25e+10,"i":true,"j":false,"k":[1,2.5,-3,true,false,null,"",{}],"l":{},"m":[]}}
            """ },
        { "a type Resource Graph gives that azbt has no casing for", $$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.Storage/storageAccounts/s","type":"microsoft.storage/storageaccounts","kind":"StorageV2"}""" },
        { "no type", $$$$"""{"id":"{{{{Sub}}}}/x","name":"x","properties":{"currentProtectionState":"kept"}}""" },
        { "a null type", $$$$"""{"id":"{{{{Sub}}}}/x","type":null,"name":"x"}""" },
        { "type after properties", $$$$"""{"properties":{"dataSourceInfo":{"resourceID":"r"},"policyId":"p"},"id":"{{{{Sub}}}}/i","type":"microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems"}""" },
        { "indented", $$$$"""
            {
              "id" : "{{{{Sub}}}}/providers/Microsoft.Compute/virtualMachines/extensions/e",
              "type" : "microsoft.compute/virtualmachines/extensions",
              "properties" : { "publisher" : "Microsoft.Azure.RecoveryServices", "settings" : { } , "typeHandlerVersion" : "1.0" }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_becomes_the_text_the_JsonNode_conversion_gave(string shape, string row)
        => AssertSameAsBefore(shape, JsonDocument.Parse(row).RootElement);

    [Fact]
    public void The_fixtures_rows_become_the_text_the_JsonNode_conversion_gave()
    {
        foreach (var c in Fixture.GetProperty("resources").EnumerateArray())
            AssertSameAsBefore(c.GetProperty("name").GetString()!, c.GetProperty("row"));
    }

    private static void AssertSameAsBefore(string shape, JsonElement row)
    {
        var before = JsonNodeRowConversion.ToArm(row);
        var after = ResourceGraphRows.ToArm(new[] { row }).Single();
        Assert.True(before.GetRawText() == Encoding.UTF8.GetString(after.Utf8), $"{shape}:\n before {before.GetRawText()}\n after  {Encoding.UTF8.GetString(after.Utf8)}");
        Assert.Equal(before.Id(), after.Id);
        Assert.Equal(before.Str("type"), after.Type);
    }

    [Fact]
    public void Empty_and_null_columns_are_dropped_but_not_what_they_hold()
    {
        var row = Convert($$$$"""{"id":"{{{{Sub}}}}/d","type":"microsoft.compute/disks","location":"","kind":"","tags":null,"zones":[],"sku":{"name":"","tier":null},"properties":{"x":"","y":null}}""");

        Assert.Equal($$$$"""{"id":"{{{{Sub}}}}/d","type":"Microsoft.Compute/disks","zones":[],"sku":{"name":"","tier":null},"properties":{"x":"","y":null}}""", Encoding.UTF8.GetString(row.Utf8));
    }

    [Fact]
    public void The_type_takes_ARMs_casing_and_routes_the_row()
    {
        var row = Convert($$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j","type":"MICROSOFT.RECOVERYSERVICES/VAULTS/BACKUPJOBS"}""");

        Assert.Equal("Microsoft.RecoveryServices/vaults/backupJobs", row.Type);
        Assert.Equal("Microsoft.RecoveryServices/vaults/backupJobs", row.Parse().Str("type"));
        Assert.Equal($"{Sub}/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j", row.Id);
    }

    [Fact]
    public void Resource_Graphs_item_members_are_removed_from_protected_items_only()
    {
        const string properties = """{"friendlyName":"a","currentProtectionState":"ProtectionConfigured","dataSourceInfo":{"resourceID":"r"},"protectionState":"Protected"}""";
        var item = Convert($$$$"""{"id":"{{{{Sub}}}}/i","type":"microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems","properties":{{{{properties}}}}}""");
        var job = Convert($$$$"""{"id":"{{{{Sub}}}}/j","type":"microsoft.recoveryservices/vaults/backupjobs","properties":{{{{properties}}}}}""");

        Assert.Equal("""{"friendlyName":"a","protectionState":"Protected"}""", item.Parse().GetProperty("properties").GetRawText());
        Assert.Equal(properties, job.Parse().GetProperty("properties").GetRawText());
    }

    [Fact]
    public void VMs_get_their_extensions_as_the_element_walk_gave_them()
    {
        const string vm = "/providers/Microsoft.Compute/virtualMachines/";
        string Vm(string name, string members = "") => $$$$"""{"vmKey":"{{{{Sub.ToLowerInvariant()}}}}{{{{vm.ToLowerInvariant()}}}}{{{{name}}}}","id":"{{{{Sub}}}}{{{{vm}}}}{{{{name}}}}","type":"microsoft.compute/virtualmachines"{{{{members}}}},"properties":{"vmId":"{{{{name}}}}"}}""";
        string Extension(string name, string extension, string members = "") => $$$$"""{"vmKey":"{{{{Sub.ToLowerInvariant()}}}}{{{{vm.ToLowerInvariant()}}}}{{{{name.ToLowerInvariant()}}}}","id":"{{{{Sub}}}}{{{{vm}}}}{{{{name}}}}/extensions/{{{{extension}}}}","type":"microsoft.compute/virtualmachines/extensions"{{{{members}}}},"properties":{"settings":{"a":1.0}}}""";
        var pages = new[]
        {
            new[] { Vm("vm1"), Extension("VM1", "MMA"), Extension("vm1", "VMSnapshot", ",\"location\":\"\",\"n\\u00e4me\":\"\\u00e9\"") },
            new[] { Extension("vm1", "Z"), Vm("vm2", ",\"resources\":[{\"id\":\"old\"}]"), Extension("vm2", "AzureDiskEncryption") },
            new[] { Vm("vm3", ",\"resources\":[]"), Extension("vm4", "orphan"), Vm("vm5") },
        }.Select(p => p.Select(r => JsonDocument.Parse(r).RootElement).ToList()).ToList();

        var before = new ElementVmRowWalk();
        var after = new VmRowWalk();
        var modelsBefore = pages.SelectMany(p => before.Add(p.Select(JsonNodeRowConversion.ToArm).ToList())).ToList();
        modelsBefore.AddRange(before.End());
        var modelsAfter = pages.SelectMany(p => after.Add(ResourceGraphRows.ToArm(p))).ToList();
        modelsAfter.AddRange(after.End());

        Assert.Equal(modelsBefore.Select(m => m.GetRawText()), modelsAfter.Select(m => Encoding.UTF8.GetString(m.Utf8)));
        Assert.Equal(new[] { "vm1", "vm2", "vm3", "vm5" }, modelsAfter.Select(m => ArmIds.NameOf(m.Id)));
        Assert.Equal(3, modelsAfter[0].Parse().GetProperty("resources").GetArrayLength());
        Assert.DoesNotContain(modelsAfter, m => Encoding.UTF8.GetString(m.Utf8).Contains(VmRowWalk.KeyColumn));
    }

    [Fact]
    public void Documented_Recovery_Services_rows_become_ARMs_resources()
    {
        var cases = Fixture.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(3, cases.Count);
        var converted = ResourceGraphRows.ToArm(cases.Select(c => c.GetProperty("row")).ToList());

        ResourceGraphRows.Arrange(converted);

        foreach (var expected in cases)
        {
            var arm = JsonNode.Parse(expected.GetProperty("arm").GetRawText());
            var id = (string)arm!["id"]!;
            var actual = Assert.Single(converted, r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(id, actual.Parse().Id());
            Assert.True(JsonNode.DeepEquals(arm, JsonNode.Parse(actual.Utf8)),
                $"{expected.GetProperty("name").GetString()}:\n expected {arm.ToJsonString()}\n got      {Encoding.UTF8.GetString(actual.Utf8)}");
        }
    }

    [Fact]
    public void Arranged_rows_are_the_JsonNode_conversions_in_its_order()
    {
        var rows = Fixture.GetProperty("resources").EnumerateArray().Select(c => c.GetProperty("row"))
            .Concat(new[]
            {
                $$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/a","type":"microsoft.recoveryservices/vaults/backupjobs","properties":{"startTime":"2026-11-30T10:00:00Z"}}""",
                $$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/b","type":"microsoft.recoveryservices/vaults/backupjobs","properties":{"startTime":"2026-12-01T10:00:00Z"}}""",
                $$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/c","type":"microsoft.recoveryservices/vaults/backupjobs","properties":{}}""",
                $$$$"""{"id":"{{{{Sub}}}}/providers/Microsoft.Compute/disks/d","type":"microsoft.compute/disks"}""",
            }.Select(r => JsonDocument.Parse(r).RootElement)).ToList();
        var before = rows.Select(JsonNodeRowConversion.ToArm).ToList();
        var after = ResourceGraphRows.ToArm(rows);

        JsonNodeRowConversion.Arrange(before);
        ResourceGraphRows.Arrange(after);

        Assert.Equal(before.Select(r => r.GetRawText()), after.Select(r => Encoding.UTF8.GetString(r.Utf8)));
        Assert.Equal(before.Select(r => r.Id()), after.Select(r => r.Id));
    }

    [Fact]
    public void A_policy_no_item_names_keeps_the_id_Resource_Graph_gave()
    {
        var policy = Fixture.GetProperty("resources").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "backup policy").GetProperty("row");
        var converted = ResourceGraphRows.ToArm(new[] { policy });

        ResourceGraphRows.Arrange(converted);

        Assert.Equal(policy.GetProperty("id").GetString(), converted[0].Id);
        Assert.Equal(policy.GetProperty("id").GetString(), converted[0].Parse().Id());
        Assert.Equal("Microsoft.RecoveryServices/vaults/backupPolicies", converted[0].Type);
    }

    private static GraphRow Convert(string row) => ResourceGraphRows.ToArm(new[] { JsonDocument.Parse(row).RootElement }).Single();
}
