#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Test-AzVmRestoreReadiness against its own emulator serving scenarios/restore.json (docs/restore-checks.md describes
# what each resource shows). The cmdlet only reads.

BeforeAll {
    $RepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    $ScenarioPath = Join-Path $RepoRoot 'scenarios/restore.json'
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop

    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    # The subscription the scenario refuses to the caller (Contoso Restricted).
    $ForbiddenSubscriptionId = @($Scenario.settings.forbiddenSubscriptions)[0]
    function Get-ScenarioId([string] $Type, [string] $Name) {
        $found = @($Scenario.resources | Where-Object { $_.type -eq $Type -and $_.name -eq $Name })
        $found.Count | Should -Be 1 -Because "the scenario has one $Type named $Name"
        $found[0].id
    }
    $VaultId = Get-ScenarioId 'Microsoft.RecoveryServices/vaults' 'rsv-restore-we'
    $MainSubscriptionId = ($VaultId -split '/')[2]
    $TargetGroupId = "/subscriptions/$MainSubscriptionId/resourceGroups/rg-restore-we"
    $HealthyVmId = Get-ScenarioId 'Microsoft.Compute/virtualMachines' 'vm-app-01'

    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Test-AzVmRestoreReadiness' {
    It 'passes every pre-check for the healthy VM restored with valid choices' {
        $results = @(Test-AzVmRestoreReadiness -ResourceId $HealthyVmId -TargetResourceGroupId $TargetGroupId -VaultId $VaultId `
                -StorageAccountId (Get-ScenarioId 'Microsoft.Storage/storageAccounts' 'strestorewe') `
                -SubnetId ((Get-ScenarioId 'Microsoft.Network/virtualNetworks' 'vnet-restore-we') + '/subnets/app') `
                -TargetVmName 'vm-app-01-restored' -DnsLabel 'contoso-restore-free' @Connection -ErrorVariable restoreErrors)
        $restoreErrors.Count | Should -Be 0
        $results.Count | Should -BeGreaterThan 0
        $results[0].GetType().FullName | Should -Be 'AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult'
        @($results.CheckId | Sort-Object -Unique).Count | Should -Be $results.Count -Because 'each pre-check reports once'
        $results.CheckId | Should -Contain 'Restore.StorageAccountRegion'
        $results.CheckId | Should -Contain 'Restore.NameAvailable'
        @($results.Status | ForEach-Object { "$_" } | Sort-Object -Unique) | Should -Be @('Pass')
        @($results.VmId | Sort-Object -Unique) | Should -Be @($HealthyVmId)
    }

    It 'fails the region, quota and name pre-checks of a restore that cannot work, with their codes' {
        $bigVm = Get-ScenarioId 'Microsoft.Compute/virtualMachines' 'vm-app-big'
        $results = @(Test-AzVmRestoreReadiness -ResourceId $bigVm -TargetResourceGroupId $TargetGroupId `
                -StorageAccountId (Get-ScenarioId 'Microsoft.Storage/storageAccounts' 'strestorene') -TargetVmName 'vm-taken' @Connection)
        $byCheck = @{}
        foreach ($result in $results) { $byCheck[$result.CheckId] = $result }

        "$($byCheck['Restore.StorageAccountRegion'].Status)" | Should -Be 'Fail'
        $byCheck['Restore.StorageAccountRegion'].Codes | Should -Be @('NoCode.RestoreStorageAccountRegionMismatch')
        $byCheck['Restore.StorageAccountRegion'].Message | Should -BeLike '*northeurope*'
        "$($byCheck['Restore.ResourceGroupQuota'].Status)" | Should -Be 'Fail'
        "$($byCheck['Restore.NameAvailable'].Status)" | Should -Be 'Fail'
        $byCheck['Restore.NameAvailable'].Message | Should -BeLike '*vm-taken*'
        "$($byCheck['Restore.SubnetExists'].Status)" | Should -Be 'Skipped' -Because 'no subnet was given'
        $byCheck['Restore.StorageAccountRegion'].VmName | Should -Be 'vm-app-big'
    }

    It 'prints the readiness table of VmName, CheckId, Status and Message' {
        $text = Test-AzVmRestoreReadiness -ResourceId $HealthyVmId -TargetResourceGroupId $TargetGroupId @Connection | Format-Table | Out-String -Width 120
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('VmName', 'CheckId', 'Status', 'Message')
    }

    It 'checks the restore of a deleted VM by its protected item, with the size given' {
        $item = @($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems' -and $_.id -like '*;vm-app-deleted' })
        $item.Count | Should -Be 1
        $results = @(Test-AzVmRestoreReadiness -ProtectedItemId $item[0].id -TargetResourceGroupId $TargetGroupId -VmSize 'Standard_D2s_v3' @Connection)
        @($results.VmName | Sort-Object -Unique) | Should -Be @('vm-app-deleted')
        "$(($results | Where-Object CheckId -eq 'Restore.ResourceGroupQuota').Status)" | Should -Be 'Pass'
    }

    It 'binds Get-AzVM objects by Id and checks a VM piped in several times once' {
        $vm = [pscustomobject]@{ Id = $HealthyVmId; VmId = [guid]::NewGuid().ToString(); Name = 'vm-app-01' }
        $once = @($vm | Test-AzVmRestoreReadiness -TargetResourceGroupId $TargetGroupId @Connection)
        $twice = @($vm, $vm | Test-AzVmRestoreReadiness -TargetResourceGroupId $TargetGroupId @Connection)
        $once.Count | Should -BeGreaterThan 0
        $twice.Count | Should -Be $once.Count
        @($twice.VmId | Sort-Object -Unique) | Should -Be @($HealthyVmId)
    }

    It 'reports a malformed id as InvalidResourceId and still checks the next piped VM' {
        $piped = @([pscustomobject]@{ VmId = 'not-a-vm-id' }, [pscustomobject]@{ VmId = $HealthyVmId })
        $results = @($piped | Test-AzVmRestoreReadiness -TargetResourceGroupId $TargetGroupId @Connection -ErrorVariable restoreErrors -ErrorAction SilentlyContinue)
        $restoreErrors.Count | Should -Be 1
        $restoreErrors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId*'
        $restoreErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $restoreErrors[0].TargetObject | Should -Be 'not-a-vm-id'
        $restoreErrors[0].Exception.Message | Should -BeLike "*'not-a-vm-id'*"
        $results.Count | Should -BeGreaterThan 0
        @($results.VmId | Sort-Object -Unique) | Should -Be @($HealthyVmId)
    }

    It 'reports a malformed target resource group as InvalidResourceId and writes no result' {
        $results = @(Test-AzVmRestoreReadiness -ResourceId $HealthyVmId -TargetResourceGroupId 'rg-restore-we' @Connection -ErrorVariable restoreErrors -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $restoreErrors.Count | Should -Be 1
        $restoreErrors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId*'
        $restoreErrors[0].Exception.Message | Should -BeLike "*'rg-restore-we'*"
    }

    It 'reports the reads refused in a forbidden target subscription as PermissionDenied and skips what needs them' {
        $results = @(Test-AzVmRestoreReadiness -ResourceId $HealthyVmId -TargetResourceGroupId "/subscriptions/$ForbiddenSubscriptionId/resourceGroups/rg-restore-forbidden" `
                @Connection -ErrorVariable restoreErrors -ErrorAction SilentlyContinue)
        $restoreErrors.Count | Should -BeGreaterThan 0
        $restoreErrors[0].FullyQualifiedErrorId | Should -BeLike 'AuthorizationFailed*'
        $restoreErrors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($restoreErrors[0].TargetObject)" | Should -BeLike "*$ForbiddenSubscriptionId*"
        $results.Count | Should -BeGreaterThan 0
        $results.Status | ForEach-Object { "$_" } | Should -Not -Contain 'Pass' -Because 'missing data is never a pass'
    }
}
