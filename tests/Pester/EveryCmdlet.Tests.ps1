#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Every cmdlet in every parameter set, run for real (no -WhatIf) against one emulator serving scenarios/demo.json.
# This is what a metadata test cannot see: the cmdlet assembly in PowerShell's load context calling into the engine in
# its own (docs/module.md, "The engine's boundary"). A type that crosses the boundary and exists twice fails here with
# MissingMethodException/InvalidCastException, as Stop-AzVmBackupJob once did. The parameter sets are read from the
# module at discovery, so a new cmdlet or parameter set without a run below fails.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ParameterSets = @(Get-Command -Module AzBackupTroubleshoot -CommandType Cmdlet | ForEach-Object {
            $command = $_
            $command.ParameterSets | ForEach-Object { @{ Cmdlet = $command.Name; ParameterSet = $_.Name } }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection

    $Sub = $Scenario.subscriptions[0].subscriptionId
    function VmId([string] $ResourceGroup, [string] $Name) { "/subscriptions/$Sub/resourceGroups/$ResourceGroup/providers/Microsoft.Compute/virtualMachines/$Name" }
    function OfType([string] $Type) { @($Scenario.resources | Where-Object type -eq $Type) }
    $VaultId = (OfType 'Microsoft.RecoveryServices/vaults' | Where-Object name -eq 'rsv-prod-ne').id
    $HealthyVm = VmId 'rg-web-ne' 'vm-healthy-01'
    $ProtectedItem = (OfType 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems' | Where-Object id -like '*;vm-healthy-02').id
    $RunningJob = (OfType 'Microsoft.RecoveryServices/vaults/backupJobs' | Where-Object { $_.properties.status -eq 'InProgress' -and $_.id -like "$VaultId/*" } | Select-Object -First 1).id
    $FullVm = VmId 'rg-ops-ne' 'vm-restorepoints-18'
    $FullVmCollections = @(OfType 'Microsoft.Compute/restorePointCollections' | Where-Object { $_.properties.source.id -eq $FullVm }).id
    $FailedExtensionVm = VmId 'rg-ops-ne' 'vm-snapshot-failed'

    $SavedInventory = Join-Path $TestDrive 'saved-inventory.json'
    Export-AzBackupInventory -SubscriptionId $Sub -Path $SavedInventory @Connection

    # One real run per parameter set: Run returns the output, Check (when there) looks at what the emulator now holds.
    $Runs = @{
        'Get-AzBackupErrorInfo/ByCode'              = @{ Run = { Get-AzBackupErrorInfo -Code UserErrorGuestAgentStatusUnavailable } }
        'Get-AzBackupErrorInfo/ByMessage'           = @{ Run = { Get-AzBackupErrorInfo -Message 'The VM agent is unable to communicate with the Azure Backup service' -Top 2 } }
        'Get-AzVmBackupFailure/ByResourceId'        = @{ Run = { Get-AzVmBackupFailure -ResourceId (VmId 'rg-ops-ne' 'vm-health-action-required') @Connection } }
        'Get-AzVmBackupFailure/ByVault'             = @{ Run = { Get-AzVmBackupFailure -VaultId $VaultId @Connection } }
        'Get-AzVmBackupFailure/ByResourceGroup'     = @{ Run = { Get-AzVmBackupFailure -SubscriptionId $Sub -ResourceGroupName 'rg-ops-ne' @Connection } }
        'Get-AzVmBackupFailure/BySubscription'      = @{ Run = { Get-AzVmBackupFailure -SubscriptionId $Sub @Connection } }
        'Test-AzVmBackupReadiness/ByResourceId'     = @{ Run = { Test-AzVmBackupReadiness -ResourceId $HealthyVm @Connection } }
        'Test-AzVmBackupReadiness/ByResourceGroup'  = @{ Run = { Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName 'rg-web-ne' -SkipRestorePointCount @Connection } }
        'Test-AzVmBackupReadiness/BySubscription'   = @{ Run = { Test-AzVmBackupReadiness -SubscriptionId $Sub -Check 'Agent.*' @Connection } }
        'Test-AzVmBackupReadiness/ByInventory'      = @{ Run = { Test-AzVmBackupReadiness -InventoryPath $SavedInventory -Tag locks } }
        'Export-AzBackupInventory/ByResourceId'     = @{
            Run   = { Export-AzBackupInventory -ResourceId $HealthyVm -Path (Join-Path $TestDrive 'by-id.json') -PassThru @Connection }
            Check = { param($out) (Get-Content -Raw -Path $out.FullName | ConvertFrom-Json).vms.vmId | Should -Be $HealthyVm }
        }
        'Export-AzBackupInventory/ByResourceGroup'  = @{
            Run   = { Export-AzBackupInventory -SubscriptionId $Sub -ResourceGroupName 'rg-web-ne' -Path (Join-Path $TestDrive 'by-group.json') -SkipRestorePointCount -PassThru @Connection }
            Check = { param($out) @((Get-Content -Raw -Path $out.FullName | ConvertFrom-Json).vms).Count | Should -BeGreaterThan 1 }
        }
        'Export-AzBackupInventory/BySubscription'   = @{
            Run   = { Export-AzBackupInventory -SubscriptionId $Sub -Path (Join-Path $TestDrive 'by-subscription.json') -Force -PassThru @Connection }
            Check = { param($out) (Get-Content -Raw -Path $out.FullName | ConvertFrom-Json).schemaVersion | Should -Be '1.0' }
        }
        'Test-AzVmRestoreReadiness/ByResourceId'    = @{ Run = { Test-AzVmRestoreReadiness -ResourceId $HealthyVm -TargetResourceGroupId "/subscriptions/$Sub/resourceGroups/rg-web-ne" @Connection } }
        'Test-AzVmRestoreReadiness/ByProtectedItem' = @{ Run = { Test-AzVmRestoreReadiness -ProtectedItemId $ProtectedItem -TargetResourceGroupId "/subscriptions/$Sub/resourceGroups/rg-web-ne" -VmSize Standard_D2s_v3 @Connection } }
        'Start-AzVmBackup/__AllParameterSets'       = @{
            Run   = { Start-AzVmBackup -ResourceId $HealthyVm -Confirm:$false @Connection }
            Check = { param($out) (Get-EmulatorResource -Emulator $Emulator -Id "$VaultId/backupJobs/$($out.JobId)").properties.operation | Should -Be 'Backup' }
        }
        'Stop-AzVmBackupJob/__AllParameterSets'     = @{
            Run   = { Stop-AzVmBackupJob -JobId $RunningJob -Confirm:$false @Connection }
            Check = { param($out) $RunningJob | Should -Not -BeNullOrEmpty; (Get-EmulatorResource -Emulator $Emulator -Id $RunningJob).properties.status | Should -BeIn @('Cancelling', 'Cancelled') }
        }
        'Repair-AzVmBackupExtension/__AllParameterSets' = @{
            Run   = { Repair-AzVmBackupExtension -ResourceId $FailedExtensionVm -Confirm:$false @Connection }
            Check = { param($out) Get-EmulatorResource -Emulator $Emulator -Id "$FailedExtensionVm/extensions/VMSnapshot" | Should -BeNullOrEmpty }
        }
        'Restore-AzBackupLock/__AllParameterSets' = @{
            # No repair was interrupted here: the resume reads the (empty) journal folder and says there is nothing to put back.
            Run    = { Restore-AzBackupLock -JournalPath (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'journal') -Force).FullName -Confirm:$false @Connection }
            Status = @('NothingToDo')
        }
        'Export-AzBackupReadinessReport/__AllParameterSets' = @{
            Run   = { Test-AzVmBackupReadiness -ResourceId $HealthyVm @Connection | Export-AzBackupReadinessReport -Path (Join-Path $TestDrive 'every.html') -Force -PassThru }
            Check = { param($out) Get-Content -Raw -Path $out.FullName | Should -BeLike '*vm-healthy-01*' }
        }
        'Invoke-AzBackupCompliance/__AllParameterSets' = @{
            Run   = { Test-AzVmBackupReadiness -ResourceId $HealthyVm @Connection | Invoke-AzBackupCompliance -Output None }
            Check = { param($out) $out.TotalCount | Should -BeGreaterThan 0 }
        }
        'Repair-AzRestorePointCollection/__AllParameterSets' = @{
            Run   = { Repair-AzRestorePointCollection -ResourceId $FullVm -Force -Confirm:$false @Connection }
            Check = { param($out) $FullVmCollections.Count | Should -Be 2; foreach ($id in $FullVmCollections) { Get-EmulatorResource -Emulator $Emulator -Id $id | Should -BeNullOrEmpty } }
        }
    }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Every cmdlet in every parameter set, for real' {
    It '<Cmdlet> (<ParameterSet>) runs and writes its declared output type' -ForEach $ParameterSets {
        $key = "$Cmdlet/$ParameterSet"
        $Runs.ContainsKey($key) | Should -BeTrue -Because "every parameter set needs a real run here ($key has none)"
        $run = $Runs[$key]

        $output = @(& $run.Run -ErrorAction Stop)

        $output.Count | Should -BeGreaterThan 0
        $declared = @((Get-Command -Name $Cmdlet).OutputType.Name)
        foreach ($item in $output) { $item.GetType().FullName | Should -BeIn $declared }
        foreach ($record in $output | Where-Object { $_.PSObject.Properties['Status'] -and $_.GetType().Name -eq 'BackupRepairRecord' }) {
            "$($record.Status)" | Should -BeIn $(if ($run.Status) { $run.Status } else { @('Done') }) -Because $record.Message
        }
        if ($run.Check) { & $run.Check $output[0] }
    }
}
