@{
    # The root script picks the build for the running edition (bin/Core or bin/Desktop) and imports it.
    RootModule           = 'AzBackupTroubleshoot.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '14a44ef8-4e86-4bdd-b588-69419cf947a5'
    Author               = 'AzBackupTroubleshoot contributors'
    CompanyName          = 'AzBackupTroubleshoot'
    Copyright            = '(c) AzBackupTroubleshoot contributors.'
    Description          = 'Finds out why an Azure VM backup fails, or is about to, and fixes what can be fixed safely.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    # Windows PowerShell only: the netstandard2.0 build needs .NET Framework 4.7.2 or later.
    DotNetFrameworkVersion = '4.7.2'

    CmdletsToExport      = @(
        'Test-AzVmBackupReadiness',
        'Repair-AzRestorePointCollection',
        'Repair-AzVmBackupExtension',
        'Start-AzVmBackup',
        'Stop-AzVmBackupJob',
        'Get-AzBackupErrorInfo',
        'Get-AzVmBackupFailure',
        'Test-AzVmRestoreReadiness',
        'Export-AzBackupReadinessReport',
        'Invoke-AzBackupCompliance',
        'Restore-AzBackupLock',
        'Export-AzBackupInventory'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    FormatsToProcess     = @('AzBackupTroubleshoot.format.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags = @('Azure', 'Backup', 'RecoveryServices', 'VM', 'Troubleshooting', 'PSEdition_Desktop', 'PSEdition_Core')
        }
    }
}
