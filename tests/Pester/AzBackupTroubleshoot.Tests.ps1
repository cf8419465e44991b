#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# The built module (out/AzBackupTroubleshoot) against the ARM emulator that the CLI serves.
# Build first: dotnet build AzBackupTroubleshoot.sln (or ./build.ps1). See README.md in this folder.

BeforeAll {
    $RepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $ModuleManifest = Get-TestModuleManifest
    $ScenarioPath = Join-Path $RepoRoot 'scenarios/demo.json'
    # The subscription the demo scenario refuses to the caller; replaced by the scenario's own list when it has one.
    $ForbiddenSubscriptionId = '00000000-0000-0000-0000-0000000000ff'

    Import-Module -Name $ModuleManifest -Force -ErrorAction Stop

    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    if ($Scenario.settings.forbiddenSubscriptions) {
        $ForbiddenSubscriptionId = @($Scenario.settings.forbiddenSubscriptions)[0]
    }
    # VMs the caller may read, shaped like Get-AzVM output.
    $ReadableVms = @(
        $Scenario.resources |
            Where-Object { $_.type -eq 'Microsoft.Compute/virtualMachines' } |
            Where-Object { ($_.id -split '/')[2] -ne $ForbiddenSubscriptionId } |
            ForEach-Object { [pscustomobject]@{ Id = $_.id; Name = $_.name; ResourceGroupName = ($_.id -split '/')[4] } }
    )

    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $announced = $Emulator.Announced
    $Connection = $Emulator.Connection
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'The AzBackupTroubleshoot module' {
    It 'exports exactly the cmdlets of its manifest' {
        $module = Get-Module -Name AzBackupTroubleshoot
        $module | Should -Not -BeNullOrEmpty
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @(
            'Export-AzBackupInventory', 'Export-AzBackupReadinessReport', 'Get-AzBackupErrorInfo', 'Get-AzVmBackupFailure', 'Invoke-AzBackupCompliance',
            'Repair-AzRestorePointCollection', 'Repair-AzVmBackupExtension', 'Restore-AzBackupLock',
            'Start-AzVmBackup', 'Stop-AzVmBackupJob', 'Test-AzVmBackupReadiness', 'Test-AzVmRestoreReadiness')
        $module.ExportedFunctions.Count | Should -Be 0
    }

    It 'serves help with examples for <_>' -ForEach @(
        'Test-AzVmBackupReadiness', 'Repair-AzRestorePointCollection', 'Repair-AzVmBackupExtension',
        'Start-AzVmBackup', 'Stop-AzVmBackupJob', 'Get-AzBackupErrorInfo', 'Get-AzVmBackupFailure', 'Test-AzVmRestoreReadiness', 'Export-AzBackupInventory') {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($parameter in (Get-Command -Name $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }) {
            ($help.parameters.parameter | Where-Object name -eq $parameter).description | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'completes check ids' {
        $line = 'Test-AzVmBackupReadiness -Check '
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.Count | Should -BeGreaterThan 0
    }
}

Describe 'Test-AzVmBackupReadiness against the emulator' {
    BeforeAll {
        $ReadableVms.Count | Should -BeGreaterThan 1 -Because 'the demo scenario needs readable VMs for these tests'
        $SomeVms = @($ReadableVms | Select-Object -First 3)
        $AllResults = @($SomeVms | Test-AzVmBackupReadiness @Connection -ErrorAction SilentlyContinue)
    }

    It 'binds piped VM objects by their Id and writes one result per VM per check' {
        $AllResults.Count | Should -BeGreaterThan 0
        $AllResults[0].GetType().FullName | Should -Be 'AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult'
        @($AllResults.VmId | Sort-Object -Unique) | Should -Be @($SomeVms.Id | Sort-Object -Unique)
        $checkIds = @($AllResults.CheckId | Sort-Object -Unique)
        foreach ($vm in $SomeVms) {
            @($AllResults | Where-Object VmId -eq $vm.Id | ForEach-Object CheckId | Sort-Object) | Should -Be $checkIds
        }
    }

    It 'reports a malformed id as InvalidResourceId and still checks the other VMs' {
        $good = $SomeVms[0].Id
        $results = @('not-a-vm-id', $good | Test-AzVmBackupReadiness @Connection -ErrorVariable scanErrors -ErrorAction SilentlyContinue)
        $invalid = @($scanErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidResourceId*' })
        $invalid.Count | Should -Be 1
        $invalid[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $invalid[0].TargetObject | Should -Be 'not-a-vm-id'
        $results.Count | Should -BeGreaterThan 0
        @($results.VmId | Sort-Object -Unique) | Should -Be @($good)
    }

    It 'reports a forbidden subscription as PermissionDenied and writes no results for it' {
        $results = @(Test-AzVmBackupReadiness -SubscriptionId $ForbiddenSubscriptionId @Connection -ErrorVariable scanErrors -ErrorAction SilentlyContinue)
        $denied = @($scanErrors | Where-Object { $_.CategoryInfo.Category -eq 'PermissionDenied' })
        $denied.Count | Should -BeGreaterThan 0
        "$($denied[0].TargetObject)" | Should -BeLike "*$ForbiddenSubscriptionId*"
        $results.Count | Should -Be 0
    }

    It 'scans a resource group, or one VM in it by name' {
        $vm = $SomeVms[0]
        $subscription = ($vm.Id -split '/')[2]
        $inGroup = @(Test-AzVmBackupReadiness -ResourceGroupName $vm.ResourceGroupName -SubscriptionId $subscription @Connection)
        $inGroup.VmId | Should -Contain $vm.Id
        $one = @(Test-AzVmBackupReadiness -ResourceGroupName $vm.ResourceGroupName -VMName $vm.Name -SubscriptionId $subscription @Connection)
        @($one.VmId | Sort-Object -Unique) | Should -Be @($vm.Id)
    }

    It 'prints a table of VmName, CheckId, Status and Message' {
        $text = $AllResults | Format-Table | Out-String -Width 120
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('VmName', 'CheckId', 'Status', 'Message')
    }

    It 'runs only the checks named by -Check and leaves out those of -ExcludeCheck' {
        $checkId = $AllResults[0].CheckId
        $only = @($SomeVms[0] | Test-AzVmBackupReadiness -Check $checkId @Connection)
        @($only.CheckId | Sort-Object -Unique) | Should -Be @($checkId)
        $without = @($SomeVms[0] | Test-AzVmBackupReadiness -ExcludeCheck $checkId @Connection)
        $without.CheckId | Should -Not -Contain $checkId
    }

    It 'reports the restore point check as Skipped with -SkipRestorePointCount' {
        $vm = $ReadableVms | Where-Object Name -eq 'vm-restorepoints-18'
        $result = $vm | Test-AzVmBackupReadiness -Check 'RestorePoints.CollectionLimit' -SkipRestorePointCount @Connection
        $result.Status | Should -Be 'Skipped'
        ($vm | Test-AzVmBackupReadiness -Check 'RestorePoints.CollectionLimit' @Connection).Status | Should -Not -Be 'Skipped'
    }

    It 'accepts the Backup service object id as a GUID only' {
        $vm = $ReadableVms | Where-Object Name -eq 'vm-encrypted-kv-granted'
        @($vm | Test-AzVmBackupReadiness -Check 'KeyVault.BackupAccess' -BackupServiceObjectId 'e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce' @Connection).Count | Should -Be 1
        { $vm | Test-AzVmBackupReadiness -BackupServiceObjectId 'not-a-guid' @Connection } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'accepts the token as a SecureString as well' {
        $secure = ConvertTo-SecureString -String $announced.accessToken -AsPlainText -Force
        $results = @($SomeVms[0] | Test-AzVmBackupReadiness -ArmEndpoint $announced.endpoint -TrustedCertificateSha256 $announced.certificateSha256 -AccessToken $secure)
        $results.Count | Should -BeGreaterThan 0
    }

    It 'stops with UnknownCheck when -Check matches no check' {
        { $SomeVms[0] | Test-AzVmBackupReadiness -Check 'No.Such.Check' @Connection -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownCheck,*'
    }

    It 'refuses a certificate pin for an endpoint that is not loopback' {
        { $SomeVms[0] | Test-AzVmBackupReadiness -ArmEndpoint 'https://management.example.com/' -TrustedCertificateSha256 $announced.certificateSha256 -AccessToken 'x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConnectionParameters,*'
    }
}
