<#
.SYNOPSIS
    Azure Automation runbook: checks every VM of the given subscriptions for what breaks Azure VM backup, optionally
    cleans up full restore point collections, and outputs the results as objects followed by one summary object.
.DESCRIPTION
    Signs in with the Automation account's managed identity: system-assigned by default, user-assigned when
    -ManagedIdentityClientId is given. Never prompts: repairs run only with -Repair, and then unattended (-Force,
    -Confirm:$false), so an empty prompt can never stall the job. The identity needs Reader on the subscriptions, and
    for -Repair the roles in docs/repairs.md.

    -ArmEndpoint, -AccessToken and -TrustedCertificateSha256 are the module's own connection parameters, here only so
    the runbook can be tested against the local ARM emulator (tests/Pester/Runbook.Tests.ps1); in Automation leave
    them out and the managed identity is used.

    Import out/package/AzBackupTroubleshoot.zip (build.ps1 -Task Package) into the Automation account first.
.EXAMPLE
    # In Azure Automation, a schedule with the parameter SubscriptionId = <id>[,<id>...]
    ./Invoke-BackupReadinessRunbook.ps1 -SubscriptionId 00000000-0000-0000-0000-000000000000
#>
param(
    [Parameter(Mandatory)]
    [string[]] $SubscriptionId,

    # A user-assigned identity's client id; empty for the system-assigned identity.
    [string] $ManagedIdentityClientId,

    # Also clean up restore point collections that hit the 18-point limit (lifting and putting back locks).
    [switch] $Repair,

    # Where the repairs keep their lock journals. A sandbox is recycled (after 3 hours at the most), and with it its
    # temporary folder: point this at storage that outlives the job, so that a lock lifted by a job that was killed is
    # put back by the next one (docs/reliability.md). Default: the module's own ($env:AZBT_JOURNAL_DIR, else per user).
    [string] $JournalPath,

    # Test only: the local ARM emulator in place of Azure and the managed identity.
    [string] $ArmEndpoint,
    [string] $AccessToken,
    [string] $TrustedCertificateSha256
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # Automation stores every progress record; they slow the job down
Import-Module -Name AzBackupTroubleshoot

$connection = @{}
if ($AccessToken) {
    $connection.ArmEndpoint = $ArmEndpoint
    $connection.AccessToken = $AccessToken
    if ($TrustedCertificateSha256) { $connection.TrustedCertificateSha256 = $TrustedCertificateSha256 }
}
else {
    $connection.UseManagedIdentity = $true
    if ($ManagedIdentityClientId) { $connection.ManagedIdentityClientId = $ManagedIdentityClientId }
}

# A subscription or VM that cannot be read is reported (error stream) and the rest is still checked.
$results = @(Test-AzVmBackupReadiness -SubscriptionId $SubscriptionId @connection -ErrorAction Continue -ErrorVariable scanErrors)
$results

$repairs = @()
$journal = @{}
if ($JournalPath) { $journal.JournalPath = $JournalPath }
if ($Repair) {
    # Each repair first puts back what an interrupted job left lifted on its VM; with a journal folder of its own, the
    # runbook also does it for the VMs it does not repair this time.
    if ($JournalPath) {
        $repairs += @(Restore-AzBackupLock @journal @connection -Confirm:$false -ErrorAction Continue -ErrorVariable +repairErrors |
            Where-Object { "$($_.Status)" -ne 'NothingToDo' })
    }
    $full = @($results | Where-Object { $_.CheckId -eq 'RestorePoints.CollectionLimit' -and "$($_.Status)" -eq 'Fail' } | Select-Object -ExpandProperty VmId -Unique)
    if ($full.Count -gt 0) {
        $repairs += @($full | Repair-AzRestorePointCollection -RemoveLock -Force -Confirm:$false @journal @connection -ErrorAction Continue -ErrorVariable +repairErrors)
    }
    $repairs
}

[pscustomobject]@{
    PSTypeName      = 'AzBackupTroubleshoot.RunbookSummary'
    Subscriptions   = $SubscriptionId.Count
    VmsChecked      = @($results.VmId | Select-Object -Unique).Count
    Failed          = @($results | Where-Object { "$($_.Status)" -eq 'Fail' }).Count
    Warnings        = @($results | Where-Object { "$($_.Status)" -eq 'Warning' }).Count
    VmsFailing      = @($results | Where-Object { "$($_.Status)" -eq 'Fail' } | Select-Object -ExpandProperty VmName -Unique)
    RepairsDone     = @($repairs | Where-Object { "$($_.Status)" -eq 'Done' }).Count
    RepairsFailed   = @($repairs | Where-Object { "$($_.Status)" -eq 'Failed' }).Count
    ScopesUnread    = @($scanErrors).Count
}
