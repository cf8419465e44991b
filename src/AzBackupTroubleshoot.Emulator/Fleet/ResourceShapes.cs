using System;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Fleet;

/// <summary>
/// ARM resources as the REST examples show them (VirtualMachine_Get_InstanceView.json, BackupProtectedItems_List.json,
/// GetJobDetails.json, ...), reduced to the fields a backup diagnosis reads. Used to generate fleets.
/// </summary>
internal static class ResourceShapes
{
    public const string BackupExtensionLinux = "Microsoft.Azure.RecoveryServices.VMSnapshotLinux";
    public const string BackupExtensionWindows = "Microsoft.Azure.RecoveryServices.VMSnapshot";

    public sealed record VmState(bool Windows, string PowerState, string AgentVersion, bool AgentReady, bool BackupExtensionFailed);

    public static JsonObject VirtualMachine(Random random, string id, string location, string nicId, string osDiskId, string? dataDiskId, VmState state, DateTimeOffset now)
    {
        var name = ResourceId.NameOf(id);
        var extensionType = state.Windows ? BackupExtensionWindows : BackupExtensionLinux;
        var extensionVersion = state.Windows ? "1.0.9220.0" : "1.0.9225.0";
        var dataDisks = new JsonArray();
        if (dataDiskId != null)
            dataDisks.Add(new JsonObject { ["lun"] = 0, ["name"] = ResourceId.NameOf(dataDiskId), ["createOption"] = "Attach", ["diskSizeGB"] = 128, ["managedDisk"] = new JsonObject { ["id"] = dataDiskId, ["storageAccountType"] = "Premium_LRS" } });

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = "Microsoft.Compute/virtualMachines",
            ["location"] = location,
            ["properties"] = new JsonObject
            {
                ["vmId"] = NewGuid(random).ToString(),
                ["hardwareProfile"] = new JsonObject { ["vmSize"] = "Standard_D2s_v5" },
                ["storageProfile"] = new JsonObject
                {
                    ["osDisk"] = new JsonObject
                    {
                        ["osType"] = state.Windows ? "Windows" : "Linux",
                        ["name"] = ResourceId.NameOf(osDiskId),
                        ["createOption"] = "FromImage",
                        ["caching"] = "ReadWrite",
                        ["diskSizeGB"] = state.Windows ? 127 : 30,
                        ["managedDisk"] = new JsonObject { ["id"] = osDiskId, ["storageAccountType"] = "Premium_LRS" },
                    },
                    ["dataDisks"] = dataDisks,
                },
                ["osProfile"] = new JsonObject
                {
                    ["computerName"] = name,
                    ["adminUsername"] = "azureuser",
                    [state.Windows ? "windowsConfiguration" : "linuxConfiguration"] = new JsonObject { ["provisionVMAgent"] = true },
                    ["allowExtensionOperations"] = true,
                },
                ["networkProfile"] = new JsonObject
                {
                    ["networkInterfaces"] = new JsonArray(new JsonObject { ["id"] = nicId, ["properties"] = new JsonObject { ["primary"] = true } }),
                },
                ["provisioningState"] = "Succeeded",
                ["instanceView"] = new JsonObject
                {
                    ["computerName"] = name,
                    ["osName"] = state.Windows ? "Windows Server 2022 Datacenter" : "ubuntu",
                    ["vmAgent"] = new JsonObject
                    {
                        ["vmAgentVersion"] = state.AgentReady ? state.AgentVersion : "Unknown",
                        ["statuses"] = new JsonArray(state.AgentReady
                            ? Status("ProvisioningState/succeeded", "Info", "Ready", "GuestAgent is running and processing the extensions.", now)
                            : Status("ProvisioningState/Unavailable", "Warning", "Not Ready", "VM Agent is unresponsive.", now)),
                        ["extensionHandlers"] = new JsonArray(new JsonObject
                        {
                            ["type"] = extensionType,
                            ["typeHandlerVersion"] = extensionVersion,
                            ["status"] = new JsonObject { ["code"] = "ProvisioningState/succeeded", ["level"] = "Info", ["displayStatus"] = "Ready" },
                        }),
                    },
                    ["extensions"] = new JsonArray(new JsonObject
                    {
                        ["name"] = state.Windows ? "VMSnapshot" : "VMSnapshotLinux",
                        ["type"] = extensionType,
                        ["typeHandlerVersion"] = extensionVersion,
                        ["statuses"] = new JsonArray(state.BackupExtensionFailed
                            ? Status("ProvisioningState/failed/-40", "Error", "Provisioning failed", "The snapshot extension could not take a snapshot of the disks.", now)
                            : Status("ProvisioningState/succeeded", "Info", "Provisioning succeeded", "The snapshot was taken.", now)),
                    }),
                    ["statuses"] = new JsonArray(
                        Status("ProvisioningState/succeeded", "Info", "Provisioning succeeded", null, now),
                        new JsonObject { ["code"] = "PowerState/" + state.PowerState, ["level"] = "Info", ["displayStatus"] = PowerDisplay(state.PowerState) }),
                },
            },
        };
    }

    public static JsonObject NetworkInterface(string id, string location, string subnetId, string vmId, string? nsgId)
    {
        var properties = new JsonObject
        {
            ["provisioningState"] = "Succeeded",
            ["primary"] = true,
            ["virtualMachine"] = new JsonObject { ["id"] = vmId },
            ["ipConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "ipconfig1",
                ["id"] = id + "/ipConfigurations/ipconfig1",
                ["properties"] = new JsonObject
                {
                    ["privateIPAllocationMethod"] = "Dynamic",
                    ["subnet"] = new JsonObject { ["id"] = subnetId },
                    ["primary"] = true,
                },
            }),
        };
        if (nsgId != null) properties["networkSecurityGroup"] = new JsonObject { ["id"] = nsgId };
        return Resource(id, "Microsoft.Network/networkInterfaces", location, properties);
    }

    public static JsonObject VirtualNetwork(string id, string location, string? subnetNsgId)
    {
        var subnet = new JsonObject { ["addressPrefix"] = "10.0.0.0/22", ["provisioningState"] = "Succeeded" };
        if (subnetNsgId != null) subnet["networkSecurityGroup"] = new JsonObject { ["id"] = subnetNsgId };
        return Resource(id, "Microsoft.Network/virtualNetworks", location, new JsonObject
        {
            ["provisioningState"] = "Succeeded",
            ["addressSpace"] = new JsonObject { ["addressPrefixes"] = new JsonArray("10.0.0.0/16") },
            ["subnets"] = new JsonArray(new JsonObject { ["name"] = "default", ["id"] = id + "/subnets/default", ["properties"] = subnet }),
        });
    }

    /// <summary>An NSG with only Azure's default rules (outbound to the Internet allowed).</summary>
    public static JsonObject NetworkSecurityGroup(string id, string location) => Resource(id, "Microsoft.Network/networkSecurityGroups", location, new JsonObject
    {
        ["provisioningState"] = "Succeeded",
        ["securityRules"] = new JsonArray(),
        ["defaultSecurityRules"] = new JsonArray(
            Rule(id, "AllowVnetOutBound", "Outbound", "Allow", 65000, "VirtualNetwork", "*", defaultRule: true),
            Rule(id, "AllowInternetOutBound", "Outbound", "Allow", 65001, "Internet", "*", defaultRule: true),
            Rule(id, "DenyAllOutBound", "Outbound", "Deny", 65500, "*", "*", defaultRule: true)),
    });

    public static JsonObject Rule(string nsgId, string name, string direction, string access, int priority, string destination, string port, bool defaultRule = false) => new()
    {
        ["name"] = name,
        ["id"] = $"{nsgId}/{(defaultRule ? "defaultSecurityRules" : "securityRules")}/{name}",
        ["properties"] = new JsonObject
        {
            ["protocol"] = "*",
            ["sourcePortRange"] = "*",
            ["destinationPortRange"] = port,
            ["sourceAddressPrefix"] = "*",
            ["destinationAddressPrefix"] = destination,
            ["access"] = access,
            ["priority"] = priority,
            ["direction"] = direction,
            ["provisioningState"] = "Succeeded",
        },
    };

    public static JsonObject Disk(string id, string location, string vmId, int sizeGb, string? osType)
    {
        var properties = new JsonObject
        {
            ["creationData"] = new JsonObject { ["createOption"] = osType == null ? "Empty" : "FromImage" },
            ["diskSizeGB"] = sizeGb,
            ["diskState"] = "Attached",
            ["provisioningState"] = "Succeeded",
            ["encryption"] = new JsonObject { ["type"] = "EncryptionAtRestWithPlatformKey" },
        };
        if (osType != null) properties["osType"] = osType;
        var disk = Resource(id, "Microsoft.Compute/disks", location, properties);
        disk["managedBy"] = vmId;
        disk["sku"] = new JsonObject { ["name"] = "Premium_LRS", ["tier"] = "Premium" };
        return disk;
    }

    public static JsonObject RestorePointCollection(Random random, string id, string location, string vmId, int restorePoints, DateTimeOffset now)
    {
        var points = new JsonArray();
        for (var i = 0; i < restorePoints; i++)
        {
            var name = $"{NewGuid(random):N}"[..20];
            points.Add(new JsonObject
            {
                ["name"] = name,
                ["id"] = $"{id}/restorePoints/{name}",
                ["type"] = "Microsoft.Compute/restorePointCollections/restorePoints",
                ["properties"] = new JsonObject
                {
                    ["consistencyMode"] = "ApplicationConsistent",
                    ["timeCreated"] = RelativeTime.Format(now.AddDays(-(restorePoints - i))),
                    ["provisioningState"] = "Succeeded",
                    ["excludeDisks"] = new JsonArray(),
                },
            });
        }
        return Resource(id, "Microsoft.Compute/restorePointCollections", location, new JsonObject
        {
            ["source"] = new JsonObject { ["id"] = vmId, ["location"] = location },
            ["restorePointCollectionId"] = NewGuid(random).ToString(),
            ["provisioningState"] = "Succeeded",
            ["restorePoints"] = points,
        });
    }

    public static JsonObject RecoveryServicesVault(string id, string location)
    {
        var vault = Resource(id, "Microsoft.RecoveryServices/vaults", location, new JsonObject { ["provisioningState"] = "Succeeded" });
        vault["sku"] = new JsonObject { ["name"] = "RS0", ["tier"] = "Standard" };
        return vault;
    }

    /// <summary>A V1 policy: one backup a day, two days of instant restore points.</summary>
    public static JsonObject DailyPolicy(string vaultId, string name) => new()
    {
        ["id"] = $"{vaultId}/backupPolicies/{name}",
        ["name"] = name,
        ["type"] = "Microsoft.RecoveryServices/vaults/backupPolicies",
        ["properties"] = new JsonObject
        {
            ["backupManagementType"] = "AzureIaasVM",
            ["policyType"] = "V1",
            ["instantRpRetentionRangeInDays"] = 2,
            ["schedulePolicy"] = new JsonObject
            {
                ["schedulePolicyType"] = "SimpleSchedulePolicy",
                ["scheduleRunFrequency"] = "Daily",
                ["scheduleRunTimes"] = new JsonArray("2024-01-01T22:00:00Z"),
            },
            ["retentionPolicy"] = new JsonObject
            {
                ["retentionPolicyType"] = "LongTermRetentionPolicy",
                ["dailySchedule"] = new JsonObject
                {
                    ["retentionTimes"] = new JsonArray("2024-01-01T22:00:00Z"),
                    ["retentionDuration"] = new JsonObject { ["count"] = 30, ["durationType"] = "Days" },
                },
            },
            ["timeZone"] = "UTC",
        },
    };

    public static JsonObject ProtectedItem(Random random, string vaultId, string vmId, string policyId, bool healthy, DateTimeOffset now)
    {
        var rg = ResourceId.ResourceGroupOf(vmId)!.ToLowerInvariant();
        var vm = ResourceId.NameOf(vmId);
        var container = $"iaasvmcontainerv2;{rg};{vm}";
        return new JsonObject
        {
            ["id"] = $"{vaultId}/backupFabrics/Azure/protectionContainers/IaasVMContainer;{container}/protectedItems/VM;{container}",
            ["name"] = $"VM;{container}",
            ["type"] = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
            ["properties"] = new JsonObject
            {
                ["protectedItemType"] = "Microsoft.Compute/virtualMachines",
                ["backupManagementType"] = "AzureIaasVM",
                ["workloadType"] = "VM",
                ["containerName"] = container,
                ["friendlyName"] = vm,
                ["sourceResourceId"] = vmId,
                ["virtualMachineId"] = vmId,
                ["policyId"] = policyId,
                ["policyName"] = ResourceId.NameOf(policyId),
                ["protectionStatus"] = healthy ? "Healthy" : "Unhealthy",
                ["protectionState"] = "Protected",
                ["healthStatus"] = healthy ? "Passed" : "ActionRequired",
                ["lastBackupStatus"] = healthy ? "Completed" : "Failed",
                ["lastBackupTime"] = RelativeTime.Format(now.AddHours(-20)),
                ["lastRecoveryPoint"] = RelativeTime.Format(now.AddHours(healthy ? -20 : -44)),
                ["protectedItemDataId"] = NewGuid(random).ToString("N")[..18],
                ["vaultId"] = vaultId,
            },
        };
    }

    public static JsonObject BackupJob(Random random, string vaultId, string vmId, bool failed, DateTimeOffset start)
    {
        var name = NewGuid(random).ToString();
        var vm = ResourceId.NameOf(vmId);
        var properties = new JsonObject
        {
            ["jobType"] = "AzureIaaSVMJob",
            ["activityId"] = NewGuid(random).ToString(),
            ["backupManagementType"] = "AzureIaasVM",
            ["operation"] = "Backup",
            ["status"] = failed ? "Failed" : "Completed",
            ["entityFriendlyName"] = vm,
            ["containerName"] = $"iaasvmcontainerv2;{ResourceId.ResourceGroupOf(vmId)!.ToLowerInvariant()};{vm}",
            ["startTime"] = RelativeTime.Format(start),
            ["endTime"] = RelativeTime.Format(start.AddMinutes(42)),
            ["duration"] = "PT42M",
            ["isUserTriggered"] = false,
            ["virtualMachineVersion"] = "Compute",
            ["actionsInfo"] = new JsonArray(),
        };
        if (failed)
            properties["errorDetails"] = new JsonArray(new JsonObject
            {
                ["errorCode"] = 400041,
                ["errorTitle"] = "UserErrorGuestAgentStatusUnavailable",
                ["errorString"] = "The VM agent did not answer, so the snapshot could not be taken.",
                ["recommendations"] = new JsonArray("Check that the VM agent is running and can reach Azure."),
            });
        return new JsonObject { ["id"] = $"{vaultId}/backupJobs/{name}", ["name"] = name, ["type"] = "Microsoft.RecoveryServices/vaults/backupJobs", ["properties"] = properties };
    }

    public static JsonObject Lock(string scope, string name, string level, string notes) => new()
    {
        ["id"] = $"{scope}{ResourceId.LockMarker}/{name}",
        ["name"] = name,
        ["type"] = "Microsoft.Authorization/locks",
        ["properties"] = new JsonObject { ["level"] = level, ["notes"] = notes, ["owners"] = new JsonArray() },
    };

    /// <summary>GUIDs from the fleet's seeded generator, so the same seed gives the same fleet.</summary>
    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static JsonObject Resource(string id, string type, string location, JsonObject properties) => new()
    {
        ["id"] = id,
        ["name"] = ResourceId.NameOf(id),
        ["type"] = type,
        ["location"] = location,
        ["properties"] = properties,
    };

    private static JsonObject Status(string code, string level, string display, string? message, DateTimeOffset time)
    {
        var status = new JsonObject { ["code"] = code, ["level"] = level, ["displayStatus"] = display };
        if (message != null) status["message"] = message;
        status["time"] = RelativeTime.Format(time);
        return status;
    }

    private static string PowerDisplay(string state) => state switch
    {
        "running" => "VM running",
        "deallocated" => "VM deallocated",
        "stopped" => "VM stopped",
        _ => "VM " + state,
    };
}
