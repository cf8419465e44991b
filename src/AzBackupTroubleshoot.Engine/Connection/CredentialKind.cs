namespace AzBackupTroubleshoot.Connection
{
    /// <summary>How the engine authenticates to ARM.</summary>
    public enum CredentialKind
    {
        /// <summary>Azure.Identity's default chain: environment, workload identity, managed identity, Azure CLI, Azure PowerShell, ...</summary>
        Default,
        /// <summary>A managed identity: system-assigned, or user-assigned when a client id is given (Azure Automation, VMs).</summary>
        ManagedIdentity,
        /// <summary>An access token the caller already holds (Get-AzAccessToken, az account get-access-token).</summary>
        AccessToken,
    }
}
