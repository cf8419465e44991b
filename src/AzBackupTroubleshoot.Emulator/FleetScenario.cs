using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Fleet;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// Large, mostly healthy fleets for benchmarks. Proportions: 50 VMs per resource group (one VNet and one subnet NSG
/// each), regions westeurope and northeurope by group, 9 in 10 VMs protected, one vault per 200 VMs of a region
/// with a daily policy, a restore point collection with 2-5 restore points per protected VM (in AzureBackupRG_&lt;region&gt;_1),
/// one recent backup job per protected VM, a data disk on 3 in 10 VMs, ADE on 3 in 100 (one key vault per subscription),
/// a CanNotDelete lock on 1 group in 40, and a few unhealthy VMs (agent not ready, failed snapshot extension, stopped).
/// The same arguments give the same fleet (apart from timestamps, which are relative to now).
/// </summary>
public static class FleetScenario
{
    /// <summary>
    /// The object id this emulator gives the Backup Management Service principal. Real object ids differ per tenant, so
    /// grants to it also carry the service's well-known application id, which a check can recognise without Graph.
    /// </summary>
    public const string BackupManagementServiceObjectId = "e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce";

    /// <summary>Backup Management Service's application id in the Azure public cloud.</summary>
    public const string BackupManagementServiceApplicationId = "262044b1-e2ce-469f-a196-69ab7ada62d3";

    private const int VmsPerGroup = 50;
    private const int VmsPerVault = 200;
    private static readonly string[] Regions = { "westeurope", "northeurope" };

    public static Scenario Generate(int vmCount, int subscriptions = 1, int seed = 1)
    {
        if (vmCount < 0) throw new ArgumentOutOfRangeException(nameof(vmCount));
        if (subscriptions < 1) throw new ArgumentOutOfRangeException(nameof(subscriptions));

        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var scenario = new Scenario { Description = $"Generated fleet: {vmCount} VMs in {subscriptions} subscription(s), seed {seed}." };
        for (var s = 0; s < subscriptions; s++)
        {
            var subscriptionId = $"{s + 1:x8}-f1ee-4000-8000-{seed:x12}";
            scenario.AddSubscription(subscriptionId, $"Fleet subscription {s + 1}");
            var count = vmCount / subscriptions + (s < vmCount % subscriptions ? 1 : 0);
            new SubscriptionFleet(scenario, random, now, subscriptionId).Build(count);
        }
        return scenario;
    }

    /// <summary>Builds one subscription's share of the fleet.</summary>
    private sealed class SubscriptionFleet
    {
        private readonly Scenario _scenario;
        private readonly Random _random;
        private readonly DateTimeOffset _now;
        private readonly string _subscriptionId;
        private readonly Dictionary<string, int> _protectedPerRegion = new();
        private readonly string _keyVaultId;

        public SubscriptionFleet(Scenario scenario, Random random, DateTimeOffset now, string subscriptionId)
        {
            _scenario = scenario;
            _random = random;
            _now = now;
            _subscriptionId = subscriptionId;
            _keyVaultId = $"{Group("rg-fleet-security")}/providers/Microsoft.KeyVault/vaults/kv-fleet-{subscriptionId[..8]}";
        }

        public void Build(int vmCount)
        {
            if (vmCount > 0) _scenario.Add(KeyVault());
            for (var i = 0; i < vmCount; i++)
            {
                var groupIndex = i / VmsPerGroup;
                var groupName = $"rg-fleet-{groupIndex:000}";
                var region = Regions[groupIndex % Regions.Length];
                if (i % VmsPerGroup == 0) AddGroupNetwork(groupName, region, groupIndex);
                AddVm(groupName, region, $"vm-{i:00000}");
            }
        }

        private void AddGroupNetwork(string groupName, string region, int groupIndex)
        {
            var group = Group(groupName);
            var nsgId = $"{group}/providers/Microsoft.Network/networkSecurityGroups/nsg-{groupName}";
            _scenario.Add(ResourceShapes.NetworkSecurityGroup(nsgId, region));
            _scenario.Add(ResourceShapes.VirtualNetwork($"{group}/providers/Microsoft.Network/virtualNetworks/vnet-{groupName}", region, nsgId));
            if (groupIndex % 40 == 39)
                _scenario.Add(ResourceShapes.Lock(group, "protect-group", "CanNotDelete", "Keeps the application group from accidental deletion."));
        }

        private void AddVm(string groupName, string region, string name)
        {
            var group = Group(groupName);
            var vmId = $"{group}/providers/Microsoft.Compute/virtualMachines/{name}";
            var nicId = $"{group}/providers/Microsoft.Network/networkInterfaces/{name}-nic";
            var osDiskId = $"{group}/providers/Microsoft.Compute/disks/{name}_OsDisk_1";
            var dataDiskId = _random.NextDouble() < 0.3 ? $"{group}/providers/Microsoft.Compute/disks/{name}_DataDisk_0" : null;

            var roll = _random.NextDouble();
            var windows = _random.NextDouble() < 0.4;
            var state = new ResourceShapes.VmState(
                Windows: windows,
                PowerState: roll < 0.05 ? "deallocated" : roll < 0.07 ? "stopped" : "running",
                AgentVersion: windows ? "2.7.41491.1102" : "2.10.0.8",
                AgentReady: !(roll >= 0.07 && roll < 0.09),
                BackupExtensionFailed: roll >= 0.09 && roll < 0.11);
            _scenario.Add(ResourceShapes.VirtualMachine(_random, vmId, region, nicId, osDiskId, dataDiskId, state, _now));
            _scenario.Add(ResourceShapes.NetworkInterface(nicId, region, $"{group}/providers/Microsoft.Network/virtualNetworks/vnet-{groupName}/subnets/default", vmId, null));

            var osDisk = ResourceShapes.Disk(osDiskId, region, vmId, windows ? 127 : 30, windows ? "Windows" : "Linux");
            if (_random.NextDouble() < 0.03) Encrypt(osDisk, name);
            _scenario.Add(osDisk);
            if (dataDiskId != null) _scenario.Add(ResourceShapes.Disk(dataDiskId, region, vmId, 128, null));

            if (_random.NextDouble() < 0.9) Protect(vmId, region, healthy: roll >= 0.11 || roll < 0.07);
        }

        private void Protect(string vmId, string region, bool healthy)
        {
            _protectedPerRegion.TryGetValue(region, out var count);
            _protectedPerRegion[region] = count + 1;
            var vaultId = $"{Group("rg-fleet-backup")}/providers/Microsoft.RecoveryServices/vaults/rsv-{region}-{count / VmsPerVault + 1:00}";
            var policyId = $"{vaultId}/backupPolicies/DailyPolicy";
            if (count % VmsPerVault == 0)
            {
                _scenario.Add(ResourceShapes.RecoveryServicesVault(vaultId, region));
                _scenario.Add(ResourceShapes.DailyPolicy(vaultId, "DailyPolicy"));
            }
            _scenario.Add(ResourceShapes.ProtectedItem(_random, vaultId, vmId, policyId, healthy, _now));
            _scenario.Add(ResourceShapes.BackupJob(_random, vaultId, vmId, failed: !healthy, _now.AddHours(-20)));
            var rpcId = $"{Group($"AzureBackupRG_{region}_1")}/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_{ResourceId.NameOf(vmId)}_1";
            _scenario.Add(ResourceShapes.RestorePointCollection(_random, rpcId, region, vmId, _random.Next(2, 6), _now));
        }

        /// <summary>Azure Disk Encryption settings on a disk, pointing at the subscription's key vault.</summary>
        private void Encrypt(JsonObject disk, string vmName)
        {
            disk["properties"]!["encryptionSettingsCollection"] = new JsonObject
            {
                ["enabled"] = true,
                ["encryptionSettingsVersion"] = "1.1",
                ["encryptionSettings"] = new JsonArray(new JsonObject
                {
                    ["diskEncryptionKey"] = new JsonObject
                    {
                        ["secretUrl"] = $"https://kv-fleet-{_subscriptionId[..8]}.vault.azure.net/secrets/{vmName}-bek/0123456789abcdef",
                        ["sourceVault"] = new JsonObject { ["id"] = _keyVaultId },
                    },
                }),
            };
        }

        private JsonObject KeyVault() => new()
        {
            ["id"] = _keyVaultId,
            ["name"] = ResourceId.NameOf(_keyVaultId),
            ["type"] = "Microsoft.KeyVault/vaults",
            ["location"] = Regions[0],
            ["properties"] = new JsonObject
            {
                ["tenantId"] = "72f988bf-0000-0000-0000-000000000000",
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["enabledForDiskEncryption"] = true,
                ["vaultUri"] = $"https://{ResourceId.NameOf(_keyVaultId)}.vault.azure.net/",
                ["accessPolicies"] = new JsonArray(new JsonObject
                {
                    ["tenantId"] = "72f988bf-0000-0000-0000-000000000000",
                    ["objectId"] = BackupManagementServiceObjectId,
                    ["applicationId"] = BackupManagementServiceApplicationId,
                    ["permissions"] = new JsonObject
                    {
                        ["keys"] = new JsonArray("backup", "get", "list"),
                        ["secrets"] = new JsonArray("backup", "get", "list"),
                        ["certificates"] = new JsonArray(),
                    },
                }),
            },
        };

        private string Group(string name) => ResourceId.ResourceGroupId(_subscriptionId, name);
    }
}
