using System.Text.Json;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// What a VM's complete inventory holds, part by part (--row inventory): every inventory of the scope is collected and
/// kept, then each part's JSON is let go in turn and the live heap measured after a full collection. A document shared
/// by many VMs (a policy, an NSG) counts once, in the first part that lets it go. Bytes per VM.
/// </summary>
public static class InventoryProbe
{
    public static async Task<SortedDictionary<string, double>> RunAsync(ArmConnection connection, IReadOnlyList<string> subscriptions, bool countRestorePoints)
    {
        var scope = new ScanScope();
        foreach (var s in subscriptions) scope.AddSubscription(s);
        var collector = new ArmInventoryCollector(connection, new ScanOptions { CountRestorePoints = countRestorePoints });
        var inventories = new List<VmInventory>();
        await foreach (var evt in collector.CollectAsync(scope))
            if (evt is InventoryEvent complete) inventories.Add(complete.Inventory);
        var vms = Math.Max(1, inventories.Count);
        var before = Live();

        // In the order the checks' inputs are listed on VmInventory; the inventories themselves go last.
        var parts = new List<(string Name, List<JsonElement> Json)>
        {
            ("vm model + instance view", inventories.Where(i => i.Vm != null).Select(i => i.Vm!.Value).ToList()),
            ("disks", inventories.SelectMany(i => i.Disks).ToList()),
            ("NICs", inventories.SelectMany(i => i.Network).Select(n => n.Nic).ToList()),
            ("NSGs and subnets", inventories.SelectMany(i => i.Network).SelectMany(n => Present(n.NicSecurityGroup, n.Subnet, n.SubnetSecurityGroup)).ToList()),
            ("jobs", inventories.SelectMany(i => i.Jobs).ToList()),
            ("protected items", inventories.SelectMany(i => i.Protection).Select(p => p.ProtectedItem).ToList()),
            ("backup policies", inventories.SelectMany(i => i.Protection).SelectMany(p => Present(p.Policy)).ToList()),
            ("restore point collections", inventories.SelectMany(i => i.RestorePointCollections).ToList()),
            ("locks", inventories.SelectMany(i => i.Locks).Select(l => l.Json).ToList()),
            ("policy assignments, exemptions", inventories.SelectMany(i => i.PolicyAssignments.SelectMany(a => Present(a.Assignment, a.Definition).Concat(a.Members)).Concat(i.PolicyExemptions)).ToList()),
            ("key vaults, role assignments", inventories.SelectMany(i => i.KeyVaults.Concat(i.RoleAssignments.SelectMany(r => Present(r.Assignment, r.Definition)))).ToList()),
        };
        var rawBytes = parts.ToDictionary(p => p.Name, p => p.Json.Select(j => j.GetRawText().Length).Sum());
        var kept = Live();
        inventories.Clear();
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["(all) live heap per VM"] = before / (double)vms,
            ["(inventory objects, less the probe's lists)"] = (kept - Live()) / (double)vms,
        };
        var index = 0;
        foreach (var (name, json) in parts)
        {
            var held = Live();
            json.Clear();
            json.TrimExcess();
            var freed = held - Live();
            var label = $"{++index:D2} {name}";
            result[label] = freed / (double)vms;
            result[label + ", UTF-8 text"] = rawBytes[name] / (double)vms;
        }
        GC.KeepAlive(parts);
        return result;
    }

    private static IEnumerable<JsonElement> Present(params JsonElement?[] json) => json.Where(j => j != null).Select(j => j!.Value);

    private static long Live() => GC.GetTotalMemory(forceFullCollection: true);
}
