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
              "vmAgent": { "vmAgentVersion": "2.7.41491.949", "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Ready", "message": "GuestAgent is running and accepting new configurations." } ] },
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
