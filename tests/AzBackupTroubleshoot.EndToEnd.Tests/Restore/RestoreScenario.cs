using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Restore;

/// <summary>Ids in scenarios/restore.json (docs/restore-checks.md describes what each one shows).</summary>
public static class RestoreScenario
{
    public const string Main = "5e7a0c1d-2b3f-4a6e-8c9d-0e1f2a3b4c5d";
    public const string CrossSubscription = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    public const string Unregistered = "8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f";
    public const string OtherTenant = "9d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a";
    public const string Forbidden = "0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b";

    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "scenarios", "restore.json");

    public static string Group(string subscription, string name) => $"/subscriptions/{subscription}/resourceGroups/{name}";

    public static string Vm(string name) => Group(Main, "rg-app") + "/providers/Microsoft.Compute/virtualMachines/" + name;

    public static readonly string Vault = Group(Main, "rg-backup") + "/providers/Microsoft.RecoveryServices/vaults/rsv-restore-we";

    public static string ProtectedItem(string vmName)
        => $"{Vault}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;{vmName}/protectedItems/VM;iaasvmcontainerv2;rg-app;{vmName}";

    public static readonly string TargetGroup = Group(Main, "rg-restore-we");

    public static string StorageAccount(string name) => Group(Main, "rg-storage") + "/providers/Microsoft.Storage/storageAccounts/" + name;

    public static string Subnet(string vnet, string subnet) => Group(Main, "rg-network") + $"/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}";

    public const string TakenVmName = "vm-taken";
    public const string TakenDnsLabel = "contoso-restore-taken";
}
