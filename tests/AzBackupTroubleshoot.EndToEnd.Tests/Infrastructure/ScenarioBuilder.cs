using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Builds small scenarios in code for behaviour tests (errors, throttling, scoping), in the same ARM shapes as
/// scenarios/demo.json. Each VM is healthy unless a test changes it.
/// </summary>
public sealed class ScenarioBuilder
{
    public const string Sub1 = "11111111-1111-1111-1111-111111111111";
    public const string Sub2 = "22222222-2222-2222-2222-222222222222";
    private readonly JsonArray _subscriptions = new();
    private readonly JsonArray _resources = new();
    private readonly JsonArray _forbidden = new();

    public ScenarioBuilder Subscription(string id)
    {
        _subscriptions.Add(new JsonObject { ["subscriptionId"] = id, ["displayName"] = "test " + id[..4] });
        return this;
    }

    public ScenarioBuilder Forbidden(string subscriptionId)
    {
        _forbidden.Add(subscriptionId);
        return this;
    }

    public static string VmId(string sub, string rg, string name) => $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name}";

    /// <summary>A running Windows VM with a Ready agent and a healthy backup extension.</summary>
    public ScenarioBuilder Vm(string sub, string rg, string name, string powerState = "running")
    {
        _resources.Add(JsonNode.Parse($$"""
        {
          "id": "{{VmId(sub, rg, name)}}", "name": "{{name}}", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope",
          "properties": {
            "vmId": "{{Guid.NewGuid()}}",
            "hardwareProfile": { "vmSize": "Standard_D2s_v3" },
            "storageProfile": { "osDisk": { "osType": "Windows", "name": "{{name}}-os", "createOption": "FromImage", "diskSizeGB": 127 }, "dataDisks": [] },
            "osProfile": { "computerName": "{{name}}", "windowsConfiguration": { "provisionVMAgent": true } },
            "networkProfile": { "networkInterfaces": [] },
            "provisioningState": "Succeeded",
            "instanceView": {
              "vmAgent": { "vmAgentVersion": "2.7.41491.1102", "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Ready", "message": "GuestAgent is running and accepting new configurations." } ] },
              "extensions": [ { "name": "VMSnapshot", "type": "Microsoft.Azure.RecoveryServices.VMSnapshot", "typeHandlerVersion": "1.0.75.0", "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded" } ] } ],
              "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded" }, { "code": "PowerState/{{powerState}}", "level": "Info", "displayStatus": "VM {{powerState}}" } ]
            }
          }
        }
        """));
        return this;
    }

    public ScenarioBuilder Vms(string sub, string rg, int count, string prefix = "vm")
    {
        for (var i = 0; i < count; i++) Vm(sub, rg, $"{prefix}{i:D4}");
        return this;
    }

    public ScenarioBuilder Lock(string scope, string name, string level, string notes = "")
    {
        _resources.Add(new JsonObject
        {
            ["id"] = $"{scope}/providers/Microsoft.Authorization/locks/{name}",
            ["name"] = name,
            ["type"] = "Microsoft.Authorization/locks",
            ["properties"] = new JsonObject { ["level"] = level, ["notes"] = notes },
        });
        return this;
    }

    public static string VaultId(string sub, string rg, string name) => $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.RecoveryServices/vaults/{name}";

    /// <summary>A Recovery Services vault with a daily policy, protecting the given VM.</summary>
    public ScenarioBuilder Protect(string vmId, string vaultId)
    {
        var vmRg = vmId.Split('/')[4];
        var vmName = vmId.Split('/')[^1];
        if (!_resources.Any(r => (string?)r!["id"] == vaultId))
        {
            _resources.Add(new JsonObject
            {
                ["id"] = vaultId, ["name"] = vaultId.Split('/')[^1], ["type"] = "Microsoft.RecoveryServices/vaults", ["location"] = "westeurope",
                ["sku"] = new JsonObject { ["name"] = "RS0", ["tier"] = "Standard" },
                ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
            });
            _resources.Add(JsonNode.Parse($$"""
            { "id": "{{vaultId}}/backupPolicies/DefaultPolicy", "name": "DefaultPolicy", "type": "Microsoft.RecoveryServices/vaults/backupPolicies",
              "properties": { "backupManagementType": "AzureIaasVM", "instantRpRetentionRangeInDays": 2, "protectedItemsCount": 1,
                "schedulePolicy": { "schedulePolicyType": "SimpleSchedulePolicy", "scheduleRunFrequency": "Daily", "scheduleRunTimes": ["2024-01-01T02:00:00Z"] },
                "retentionPolicy": { "retentionPolicyType": "LongTermRetentionPolicy" }, "timeZone": "UTC" } }
            """));
        }
        var container = $"iaasvmcontainerv2;{vmRg};{vmName}";
        _resources.Add(JsonNode.Parse($$"""
        { "id": "{{vaultId}}/backupFabrics/Azure/protectionContainers/IaasVMContainer;{{container}}/protectedItems/VM;{{container}}",
          "name": "VM;{{container}}", "type": "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
          "properties": { "friendlyName": "{{vmName}}", "virtualMachineId": "{{vmId}}", "sourceResourceId": "{{vmId}}", "protectedItemType": "Microsoft.Compute/virtualMachines",
            "backupManagementType": "AzureIaasVM", "workloadType": "VM", "containerName": "{{container}}", "protectionStatus": "Healthy", "protectionState": "Protected",
            "healthStatus": "Passed", "lastBackupStatus": "Completed", "policyId": "{{vaultId}}/backupPolicies/DefaultPolicy", "policyName": "DefaultPolicy" } }
        """));
        return this;
    }

    /// <summary>A restore point collection of the VM with the given number of points, in the given resource group.</summary>
    public ScenarioBuilder RestorePoints(string vmId, string resourceGroup, string name, int points)
    {
        var sub = vmId.Split('/')[2];
        var id = $"/subscriptions/{sub}/resourceGroups/{resourceGroup}/providers/Microsoft.Compute/restorePointCollections/{name}";
        var array = new JsonArray();
        for (var i = 0; i < points; i++)
            array.Add(new JsonObject
            {
                ["id"] = $"{id}/restorePoints/rp{i:D2}", ["name"] = $"rp{i:D2}",
                ["properties"] = new JsonObject { ["timeCreated"] = DateTimeOffset.UtcNow.AddDays(-points + i).ToString("o"), ["provisioningState"] = "Succeeded", ["consistencyMode"] = "ApplicationConsistent" },
            });
        _resources.Add(new JsonObject
        {
            ["id"] = id, ["name"] = name, ["type"] = "Microsoft.Compute/restorePointCollections", ["location"] = "westeurope",
            ["properties"] = new JsonObject { ["source"] = new JsonObject { ["id"] = vmId, ["location"] = "westeurope" }, ["provisioningState"] = "Succeeded", ["restorePoints"] = array },
        });
        return this;
    }

    /// <summary>A backup job of the VM in the vault.</summary>
    public ScenarioBuilder Job(string vaultId, string vmId, string jobName, string status, string jobType = "AzureIaaSVMJob", params string[] actions)
    {
        var vmRg = vmId.Split('/')[4];
        var vmName = vmId.Split('/')[^1];
        _resources.Add(new JsonObject
        {
            ["id"] = $"{vaultId}/backupJobs/{jobName}", ["name"] = jobName, ["type"] = "Microsoft.RecoveryServices/vaults/backupJobs",
            ["properties"] = new JsonObject
            {
                ["jobType"] = jobType, ["entityFriendlyName"] = vmName, ["containerName"] = $"iaasvmcontainerv2;{vmRg};{vmName}",
                ["backupManagementType"] = "AzureIaasVM", ["operation"] = "Backup", ["status"] = status,
                ["startTime"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("o"),
                ["actionsInfo"] = new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            },
        });
        return this;
    }

    /// <summary>
    /// A failed backup job of the VM, in the AzureIaaSVMJob shape of the REST spec: one errorDetails entry (left out when
    /// <paramref name="errorString"/> is null) and extendedInfo with the dynamic message (left out when <paramref name="withExtendedInfo"/>
    /// is false, as a job list may return it).
    /// </summary>
    public ScenarioBuilder FailedJob(string vaultId, string vmId, string jobName, long errorCode, string errorTitle, string? errorString,
        string? dynamicErrorMessage = null, bool withExtendedInfo = true)
    {
        Job(vaultId, vmId, jobName, "Failed");
        var properties = _resources[^1]!["properties"]!.AsObject();
        if (errorString != null)
            properties["errorDetails"] = new JsonArray(new JsonObject
            {
                ["errorCode"] = errorCode, ["errorTitle"] = errorTitle, ["errorString"] = errorString, ["recommendations"] = new JsonArray(),
            });
        if (withExtendedInfo)
            properties["extendedInfo"] = new JsonObject
            {
                ["tasksList"] = new JsonArray(new JsonObject { ["taskId"] = "Take Snapshot", ["status"] = "Failed", ["duration"] = "PT1M" }),
                ["dynamicErrorMessage"] = dynamicErrorMessage,
            };
        return this;
    }

    public ScenarioBuilder Resource(string json)
    {
        _resources.Add(JsonNode.Parse(json));
        return this;
    }

    public string ToJson() => new JsonObject
    {
        ["description"] = "built by a test",
        ["settings"] = new JsonObject { ["pageSize"] = 50, ["forbiddenSubscriptions"] = _forbidden.DeepClone() },
        ["subscriptions"] = _subscriptions.DeepClone(),
        ["resources"] = _resources.DeepClone(),
    }.ToJsonString();

    public Scenario Build() => Scenario.Parse(ToJson());
}
