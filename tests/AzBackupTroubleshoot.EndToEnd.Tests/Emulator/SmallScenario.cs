using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>
/// A hand-sized scenario for the emulator's own tests: one subscription with a VM (instance view), an extension,
/// a restore point collection with two points in a locked AzureBackupRG group, a vault with an item, jobs and a
/// policy, plus a second, forbidden subscription.
/// </summary>
internal static class SmallScenario
{
    public const string Sub = "11111111-1111-1111-1111-111111111111";
    public const string ForbiddenSub = "99999999-9999-9999-9999-999999999999";
    public const string Rg = "/subscriptions/" + Sub + "/resourceGroups/rg-app";
    public const string VmId = Rg + "/providers/Microsoft.Compute/virtualMachines/vm-web";
    public const string ExtensionId = VmId + "/extensions/VMSnapshotLinux";
    public const string BackupRg = "/subscriptions/" + Sub + "/resourceGroups/AzureBackupRG_westeurope_1";
    public const string RpcId = BackupRg + "/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_vm-web_1";
    public const string VaultId = "/subscriptions/" + Sub + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we";
    public const string ItemId = VaultId + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;vm-web/protectedItems/VM;iaasvmcontainerv2;rg-app;vm-web";
    public const string RunningJobId = VaultId + "/backupJobs/aaaaaaaa-0000-0000-0000-000000000001";
    public const string CompletedJobId = VaultId + "/backupJobs/aaaaaaaa-0000-0000-0000-000000000002";
    public const string BackupRgLockId = BackupRg + "/providers/Microsoft.Authorization/locks/keep-snapshots";

    public static Scenario Create(string settings = "{}") => Scenario.Parse(Json.Replace("\"@settings\"", settings));

    private const string Json = """
    {
      "description": "emulator test scenario",
      "settings": "@settings",
      "subscriptions": [
        { "subscriptionId": "11111111-1111-1111-1111-111111111111", "displayName": "Test" },
        { "subscriptionId": "99999999-9999-9999-9999-999999999999", "displayName": "No access" }
      ],
      "resourceGroups": [ { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-empty", "location": "westeurope" } ],
      "resources": [
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web",
          "name": "vm-web", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope",
          "properties": { "provisioningState": "Succeeded",
            "instanceView": {
              "vmAgent": { "vmAgentVersion": "2.10.0.8", "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Ready" } ] },
              "extensions": [ { "name": "VMSnapshotLinux", "type": "Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "typeHandlerVersion": "1.0.9225.0",
                                "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded" } ] } ],
              "statuses": [ { "code": "ProvisioningState/succeeded", "level": "Info" }, { "code": "PowerState/running", "level": "Info", "displayStatus": "VM running" } ] } } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web/extensions/VMSnapshotLinux",
          "type": "Microsoft.Compute/virtualMachines/extensions", "location": "westeurope",
          "properties": { "publisher": "Microsoft.Azure.RecoveryServices", "type": "VMSnapshotLinux", "provisioningState": "Succeeded" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_vm-web_1",
          "type": "Microsoft.Compute/restorePointCollections", "location": "westeurope",
          "properties": { "source": { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web" },
            "provisioningState": "Succeeded",
            "restorePoints": [
              { "name": "rp1", "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_vm-web_1/restorePoints/rp1",
                "properties": { "timeCreated": "@now-2d", "provisioningState": "Succeeded" } },
              { "name": "rp2", "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_vm-web_1/restorePoints/rp2",
                "properties": { "timeCreated": "@now-1d", "provisioningState": "Succeeded" } } ] } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/AzureBackupRG_westeurope_1/providers/Microsoft.Authorization/locks/keep-snapshots",
          "type": "Microsoft.Authorization/locks", "properties": { "level": "CanNotDelete", "notes": "do not touch" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we",
          "type": "Microsoft.RecoveryServices/vaults", "location": "westeurope", "properties": { "provisioningState": "Succeeded" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we/backupPolicies/DailyPolicy",
          "type": "Microsoft.RecoveryServices/vaults/backupPolicies", "properties": { "backupManagementType": "AzureIaasVM", "policyType": "V1" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;vm-web/protectedItems/VM;iaasvmcontainerv2;rg-app;vm-web",
          "type": "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
          "properties": { "backupManagementType": "AzureIaasVM", "workloadType": "VM", "friendlyName": "vm-web", "containerName": "iaasvmcontainerv2;rg-app;vm-web",
            "sourceResourceId": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web",
            "protectionState": "Protected", "healthStatus": "Passed", "lastBackupStatus": "Completed", "policyName": "DailyPolicy" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we/backupJobs/aaaaaaaa-0000-0000-0000-000000000001",
          "type": "Microsoft.RecoveryServices/vaults/backupJobs",
          "properties": { "jobType": "AzureIaaSVMJob", "backupManagementType": "AzureIaasVM", "operation": "Backup", "status": "InProgress", "entityFriendlyName": "vm-web", "startTime": "2024-03-10T01:00:00Z" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we/backupJobs/aaaaaaaa-0000-0000-0000-000000000002",
          "type": "Microsoft.RecoveryServices/vaults/backupJobs",
          "properties": { "jobType": "AzureIaaSVMJob", "backupManagementType": "AzureIaasVM", "operation": "Backup", "status": "Completed", "entityFriendlyName": "vm-web", "startTime": "2024-03-09T01:00:00Z" } },
        { "id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-we/backupJobs/aaaaaaaa-0000-0000-0000-000000000003",
          "type": "Microsoft.RecoveryServices/vaults/backupJobs",
          "properties": { "jobType": "AzureIaaSVMJob", "backupManagementType": "AzureIaasVM", "operation": "ConfigureBackup", "status": "Completed", "entityFriendlyName": "vm-web", "startTime": "2024-01-05T01:00:00Z" } },
        { "id": "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-secret/providers/Microsoft.Compute/virtualMachines/vm-hidden",
          "type": "Microsoft.Compute/virtualMachines", "location": "westeurope", "properties": { "provisioningState": "Succeeded" } }
      ]
    }
    """;
}
