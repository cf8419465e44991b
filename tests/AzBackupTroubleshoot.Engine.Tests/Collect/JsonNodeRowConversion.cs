using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests.Collect;

/// <summary>
/// The conversion of Resource Graph rows as it was before it was done token by token (through a string, a JsonNode and
/// a new document per row; ResourceGraphRows at 4fee1db, and VmRowWalk at 87003aa over parsed elements): what the
/// token-by-token one must give, byte for byte. Also compiled into the end-to-end tests, which hold it to the emulator's rows.
/// </summary>
internal static class JsonNodeRowConversion
{
    private static readonly string[] Canonical =
    {
        ResourceTypes.VirtualMachine, ResourceTypes.Disk, ResourceTypes.RestorePointCollection, ResourceTypes.NetworkInterface,
        ResourceTypes.NetworkSecurityGroup, ResourceTypes.VirtualNetwork, ResourceTypes.RecoveryServicesVault, ResourceTypes.KeyVault,
        ResourceTypes.ProtectedItem, ResourceTypes.BackupJob, ResourceTypes.BackupPolicy, ResourceGraphRows.ExtensionType,
    };

    private static readonly string[] GraphOnlyItemProperties = { "currentProtectionState", "dataSourceInfo" };

    public static JsonElement ToArm(JsonElement row)
    {
        var node = JsonNode.Parse(row.GetRawText())!.AsObject();
        foreach (var key in node.Where(p => p.Value == null || (p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)).Select(p => p.Key).ToList())
            node.Remove(key);
        var canonical = Canonical.FirstOrDefault(t => string.Equals(t, (string?)node["type"], StringComparison.OrdinalIgnoreCase));
        if (canonical != null) node["type"] = canonical;
        if (canonical == ResourceTypes.ProtectedItem && node["properties"] is JsonObject properties)
            foreach (var key in GraphOnlyItemProperties) properties.Remove(key);
        return JsonSerializer.SerializeToElement(node);
    }

    public static void Arrange(List<JsonElement> resources)
    {
        RestorePolicyIds(resources);
        var jobs = resources.Where(r => r.Str("type") == ResourceTypes.BackupJob)
            .OrderByDescending(j => DateTimeOffset.TryParse(j.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue)
            .ToList();
        resources.RemoveAll(r => r.Str("type") == ResourceTypes.BackupJob);
        resources.AddRange(jobs);
    }

    private static void RestorePolicyIds(List<JsonElement> resources)
    {
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in resources.Where(r => r.Str("type") == ResourceTypes.ProtectedItem))
            if (item.Str("properties.policyId") is string policyId && !named.ContainsKey(policyId)) named[policyId] = policyId;
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i].Str("type") != ResourceTypes.BackupPolicy || !named.TryGetValue(resources[i].Id(), out var spelled) || spelled == resources[i].Id()) continue;
            resources[i] = With(resources[i], node => node["id"] = spelled);
        }
    }

    private static JsonElement With(JsonElement resource, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(resource.GetRawText())!.AsObject();
        change(node);
        return JsonSerializer.SerializeToElement(node);
    }
}

/// <summary>VmRowWalk as it was over parsed elements (at 87003aa).</summary>
internal sealed class ElementVmRowWalk
{
    private readonly List<JsonElement> _vms = new List<JsonElement>();
    private readonly List<JsonElement> _extensions = new List<JsonElement>();
    private string? _key;

    public List<JsonElement> Add(IReadOnlyList<JsonElement> page)
    {
        var complete = new List<JsonElement>();
        foreach (var row in page)
        {
            var key = row.Str(VmRowWalk.KeyColumn);
            if (key == null || !string.Equals(key, _key, StringComparison.Ordinal)) Close(complete);
            _key = key;
            if (row.Str("type") == ResourceTypes.VirtualMachine) _vms.Add(row);
            else if (row.Str("type") == ResourceGraphRows.ExtensionType) _extensions.Add(row);
        }
        return complete;
    }

    public List<JsonElement> End()
    {
        var complete = new List<JsonElement>();
        Close(complete);
        return complete;
    }

    private void Close(List<JsonElement> complete)
    {
        foreach (var vm in _vms) complete.Add(Model(vm, _extensions));
        _vms.Clear();
        _extensions.Clear();
    }

    private static JsonElement Model(JsonElement vm, IReadOnlyList<JsonElement> extensions)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in vm.EnumerateObject())
                if (!member.NameEquals(VmRowWalk.KeyColumn) && !(extensions.Count > 0 && member.NameEquals("resources"))) member.WriteTo(writer);
            if (extensions.Count > 0)
            {
                writer.WriteStartArray("resources");
                foreach (var extension in extensions)
                {
                    writer.WriteStartObject();
                    foreach (var member in extension.EnumerateObject())
                        if (!member.NameEquals(VmRowWalk.KeyColumn)) member.WriteTo(writer);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        var reader = new Utf8JsonReader(buffer.ToArray());
        return JsonElement.ParseValue(ref reader);
    }
}
