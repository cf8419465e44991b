using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Restore;

namespace AzBackupTroubleshoot.Engine.Tests.Restore;

/// <summary>
/// Restore facts as the reader would build them from ARM answers, written in the shapes ARM returns: a same-subscription
/// restore of a Standard_D2s_v3 VM from a westeurope vault, with every read found and healthy unless a test changes one.
/// </summary>
internal static class RestoreFactsFixture
{
    public const string Sub = "5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d";
    public const string OtherSub = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    public const string Tenant = "3f1c5d2a-8b4e-4c7a-9d6f-0a1b2c3d4e5f";
    public static readonly string VmId = $"/subscriptions/{Sub}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    public static readonly string VaultId = $"/subscriptions/{Sub}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv";
    public static readonly string TargetGroup = $"/subscriptions/{Sub}/resourceGroups/rg-target";
    public static readonly string AccountId = $"/subscriptions/{Sub}/resourceGroups/rg-storage/providers/Microsoft.Storage/storageAccounts/st1";
    public static readonly string VnetId = $"/subscriptions/{Sub}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet1";

    public static RestoreRequest Request(Action<RestoreRequest>? change = null)
    {
        var request = new RestoreRequest
        {
            SourceVmId = VmId, VaultId = VaultId, TargetResourceGroupId = TargetGroup, StorageAccountId = AccountId,
            SubnetId = VnetId + "/subnets/app", TargetVmName = "vm1-restored", DnsLabel = "vm1-restored",
        };
        change?.Invoke(request);
        return request;
    }

    public static ResourceRead Read(string path, string json) => ResourceRead.Of(path, JsonDocument.Parse(json).RootElement.Clone());

    public static ResourceRead Missing(string path) => ResourceRead.Failure(path, new ArmRequestFailedException(404, "ResourceNotFound", "ResourceNotFound: gone", "GET", path));

    public static ResourceRead Forbidden(string path) => ResourceRead.Failure(path, new ArmRequestFailedException(403, "AuthorizationFailed", "AuthorizationFailed: no read permission", "GET", path));

    public static ResourceRead StorageAccount(string sku = "Standard_LRS", string kind = "StorageV2", string location = "westeurope", string state = "Succeeded", string primary = "available")
        => Read(AccountId, $$"""{ "id": "{{AccountId}}", "location": "{{location}}", "sku": { "name": "{{sku}}" }, "kind": "{{kind}}", "properties": { "provisioningState": "{{state}}", "statusOfPrimary": "{{primary}}" } }""");

    public static ResourceRead Vm(string extraProperties = "", string osDisk = """{ "name": "vm1-os", "managedDisk": { "id": "/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm1-os" } }""")
        => Read(VmId, $$"""{ "id": "{{VmId}}", "location": "westeurope", "properties": { {{extraProperties}} "hardwareProfile": { "vmSize": "Standard_D2s_v3" }, "storageProfile": { "osDisk": {{osDisk}}, "dataDisks": [] } } }""");

    public static ResourceRead Usages(int coresUsed = 10, int coresLimit = 20, int vmsUsed = 5, int vmsLimit = 25000)
        => Read("usages", $$"""{ "value": [ { "name": { "value": "cores" }, "currentValue": {{coresUsed}}, "limit": {{coresLimit}}, "unit": "Count" }, { "name": { "value": "virtualMachines" }, "currentValue": {{vmsUsed}}, "limit": {{vmsLimit}}, "unit": "Count" } ] }""");

    public static ResourceRead Groups(int count)
        => Read($"/subscriptions/{Sub}/resourcegroups", "{ \"value\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"name\":\"rg{i}\"}}")) + "] }");

    public static ResourceRead Subscription(string id, string tenant = Tenant) => Read("/subscriptions/" + id, $$"""{ "subscriptionId": "{{id}}", "tenantId": "{{tenant}}" }""");

    /// <summary>Healthy facts for the request (by default <see cref="Request"/>).</summary>
    public static RestoreFacts Facts(RestoreRequest? request = null) => new(request ?? Request())
    {
        SourceVmId = VmId,
        VaultId = VaultId,
        Vault = Read(VaultId, $$"""{ "id": "{{VaultId}}", "location": "westeurope" }"""),
        SourceVm = Vm(),
        StorageAccount = StorageAccount(),
        TargetResourceGroup = Read(TargetGroup, """{ "location": "westeurope" }"""),
        VirtualNetwork = Read(VnetId, """{ "location": "westeurope", "properties": { "subnets": [ { "name": "default" }, { "name": "app" } ] } }"""),
        ExistingVm = Missing(TargetGroup + "/providers/Microsoft.Compute/virtualMachines/vm1-restored"),
        DnsAvailability = Read("dns", """{ "available": true }"""),
        ComputeUsages = Usages(),
        VmSizes = Read("vmSizes", """{ "value": [ { "name": "Standard_D2s_v3", "numberOfCores": 2 }, { "name": "Standard_D8s_v3", "numberOfCores": 8 } ] }"""),
        ResourceGroups = Groups(3),
        VaultSubscription = Subscription(Sub),
        TargetSubscription = Subscription(Sub),
    };

    /// <summary>Healthy facts of a restore from the vault's subscription into <see cref="OtherSub"/>.</summary>
    public static RestoreFacts CrossSubscription()
        => Facts(Request(r => r.TargetResourceGroupId = $"/subscriptions/{OtherSub}/resourceGroups/rg-target"))
            .With(nameof(RestoreFacts.TargetSubscription), Subscription(OtherSub))
            .With(nameof(RestoreFacts.SourceOsDisk), Read("/subscriptions/5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm1-os", """{ "properties": { "diskSizeGB": 30 } }"""))
            .With(nameof(RestoreFacts.RecoveryServicesRegistration), Read($"/subscriptions/{OtherSub}/providers/Microsoft.RecoveryServices", """{ "registrationState": "Registered" }"""));

    /// <summary>A copy of the facts with one read replaced (the facts are immutable; init setters are set by reflection).</summary>
    public static RestoreFacts With(this RestoreFacts facts, string property, ResourceRead read)
    {
        var copy = new RestoreFacts(facts.Request);
        foreach (var p in typeof(RestoreFacts).GetProperties().Where(p => p.CanWrite))
            p.SetValue(copy, p.Name == property ? read : p.GetValue(facts));
        if (!typeof(RestoreFacts).GetProperties().Any(p => p.Name == property && p.CanWrite)) throw new ArgumentException($"RestoreFacts has no settable {property}.");
        return copy;
    }
}
