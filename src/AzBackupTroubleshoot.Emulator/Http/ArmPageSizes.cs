using System;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>
/// How many items ARM puts in one page of a list, where that is known; the rest get <see cref="Default"/>. ARM documents
/// none of these: each is what clients report seeing, and a list is never given larger pages than reported.
/// </summary>
internal static class ArmPageSizes
{
    /// <summary>
    /// Lists with no reported size. Where a larger page is reported this stays below it: 200 protected items in one
    /// answer (Azure/azure-sdk-for-js#15306, "pagination is done by the service with fixed thresholds"), 200 vaults
    /// (Azure/azure-powershell#10480).
    /// </summary>
    public const int Default = 100;

    /// <summary>
    /// VirtualMachines_ListAll: 50 per page, reported in Azure/azure-powershell#3227, Azure/azure-sdk-for-node#4769,
    /// apache/libcloud#1824 and gbowerman/azurerm#6. The same for its statusOnly form and for VirtualMachines_List (the
    /// group's list pages too, Azure/azure-powershell#7321; its size is not reported).
    /// </summary>
    public const int VirtualMachines = 50;

    public static int For(string path)
        => path.EndsWith("/providers/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase) ? VirtualMachines : Default;
}
