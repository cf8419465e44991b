#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# The repair cmdlets against their own emulator (they change its state), serving scenarios/demo.json.
# Each Describe uses different VMs, so their order does not matter.

BeforeAll {
    $RepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    $ScenarioPath = Join-Path $RepoRoot 'scenarios/demo.json'
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop

    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    function Get-ScenarioVmId([string] $Name) {
        ($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/virtualMachines' -and $_.name -eq $Name }).id
    }
    # The VM's restore point collections (all of the demo's live in AzureBackupRG_* groups).
    function Get-ScenarioCollectionId([string] $VmId) {
        @($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/restorePointCollections' -and $_.properties.source.id -eq $VmId }).id
    }

    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Repair-AzRestorePointCollection -WhatIf' {
    BeforeAll {
        $VmId = Get-ScenarioVmId 'vm-restorepoints-18'
        $CollectionIds = Get-ScenarioCollectionId $VmId
        $CollectionIds.Count | Should -Be 2 -Because 'the demo spreads its 18 restore points over two collections'
    }

    It 'writes one WhatIf record per collection and deletes nothing' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -WhatIf @Connection)
        $records.Count | Should -Be 2
        $records | ForEach-Object { $_.GetType().FullName } | Should -Be (@('AzBackupTroubleshoot.PowerShell.Output.BackupRepairRecord') * 2)
        $records.Status | Should -Be @('WhatIf', 'WhatIf')
        $records.Action | Should -Be @('DeleteRestorePointCollection', 'DeleteRestorePointCollection')
        @($records.Target | Sort-Object) | Should -Be @($CollectionIds | Sort-Object)
        foreach ($id in $CollectionIds) { Get-EmulatorResource -Emulator $Emulator -Id $id | Should -Not -BeNullOrEmpty }
    }

    It 'still only shows the plan with -Force' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -Force -WhatIf @Connection)
        $records.Status | Should -Be @('WhatIf', 'WhatIf')
        foreach ($id in $CollectionIds) { Get-EmulatorResource -Emulator $Emulator -Id $id | Should -Not -BeNullOrEmpty }
    }

    It 'plans the deletion of the oldest restore points with -KeepLatest' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -KeepLatest 2 -WhatIf @Connection)
        $records.Count | Should -Be 16
        @($records.Action | Sort-Object -Unique) | Should -Be @('DeleteRestorePoint')
        @($records.Status | Sort-Object -Unique) | Should -Be @('WhatIf')
    }

    It 'handles a VM once when its readiness results are piped in' {
        $results = @(Test-AzVmBackupReadiness -ResourceId $VmId @Connection)
        $results.Count | Should -BeGreaterThan 1
        $records = @($results | Repair-AzRestorePointCollection -WhatIf @Connection)
        $records.Count | Should -Be 2
        @($records.VmId | Sort-Object -Unique) | Should -Be @($VmId)
    }

    It 'binds Get-AzVM objects by Id, not by their VmId GUID' {
        $vm = [pscustomobject]@{ Id = $VmId; VmId = [guid]::NewGuid().ToString(); Name = 'vm-restorepoints-18' }
        $records = @($vm | Repair-AzRestorePointCollection -WhatIf @Connection)
        $records.Count | Should -Be 2
    }

    It 'prints a table of Status, Action, Target and Message' {
        $text = Repair-AzRestorePointCollection -ResourceId $VmId -WhatIf @Connection | Format-Table | Out-String -Width 120
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('Status', 'Action', 'Target', 'Message')
        $text | Should -Match ([regex]::Escape(($CollectionIds[0] -split '/')[-1]))
    }

    It 'reports a malformed id as InvalidResourceId and goes on with the next VM' {
        $records = @('not-a-vm-id', $VmId | Repair-AzRestorePointCollection -WhatIf @Connection -ErrorVariable repairErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 2
        $invalid = @($repairErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidResourceId*' })
        $invalid.Count | Should -Be 1
        $invalid[0].TargetObject | Should -Be 'not-a-vm-id'
    }
}

Describe 'Repair-AzRestorePointCollection behind a ReadOnly lock' {
    BeforeAll {
        $VmId = Get-ScenarioVmId 'vm-restorepoints-readonly'
        $CollectionId = @(Get-ScenarioCollectionId $VmId)[0]
        $Lock = $Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/locks' -and $_.name -eq 'freeze-backup-rg' }
        $Lock.properties.level | Should -Be 'ReadOnly'
    }

    It 'refuses without -RemoveLock, names the lock, and changes nothing' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -Confirm:$false @Connection -ErrorVariable repairErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $repairErrors.Count | Should -Be 1
        $repairErrors[0].FullyQualifiedErrorId | Should -BeLike 'RestorePointCleanupBlockedByLock*'
        $repairErrors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $repairErrors[0].TargetObject | Should -Be $VmId
        $repairErrors[0].Exception.Message | Should -BeLike '*freeze-backup-rg*'
        Get-EmulatorResource -Emulator $Emulator -Id $CollectionId | Should -Not -BeNullOrEmpty
    }

    It 'stops a runbook with -ErrorAction Stop' {
        { Repair-AzRestorePointCollection -ResourceId $VmId -Confirm:$false @Connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointCleanupBlockedByLock*'
    }

    It 'with -RemoveLock lifts the lock, deletes the collection and puts the same lock back' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -RemoveLock -Confirm:$false @Connection -ErrorVariable repairErrors)
        $repairErrors.Count | Should -Be 0
        $records.Status | Should -Not -Contain 'Failed'
        ($records | Where-Object Action -eq 'RemoveLock').Status | Should -Be 'Done'
        ($records | Where-Object Action -eq 'DeleteRestorePointCollection').Status | Should -Be 'Done'
        ($records | Where-Object Action -eq 'RestoreLock').Status | Should -Be 'Done'

        Get-EmulatorResource -Emulator $Emulator -Id $CollectionId | Should -BeNullOrEmpty
        $lockNow = Get-EmulatorResource -Emulator $Emulator -Id $Lock.id
        $lockNow | Should -Not -BeNullOrEmpty
        $lockNow.name | Should -Be 'freeze-backup-rg'
        $lockNow.properties.level | Should -Be 'ReadOnly'
        $lockNow.properties.notes | Should -Be $Lock.properties.notes
    }

    It 'finds nothing to do the second time' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -RemoveLock -Confirm:$false @Connection)
        $records.Count | Should -Be 1
        $records[0].Status | Should -Be 'NothingToDo'
    }
}

Describe 'Repair-AzVmBackupExtension' {
    It 'plans the removal of a failed extension with -WhatIf and removes nothing' {
        $vmId = Get-ScenarioVmId 'vm-snapshot-failed'
        $record = Repair-AzVmBackupExtension -ResourceId $vmId -WhatIf @Connection
        $record.Status | Should -Be 'WhatIf'
        $record.Action | Should -Be 'RemoveExtension'
        Get-EmulatorResource -Emulator $Emulator -Id $record.Target | Should -Not -BeNullOrEmpty
    }

    It 'removes it when confirmed' {
        $vmId = Get-ScenarioVmId 'vm-snapshot-failed'
        $record = Repair-AzVmBackupExtension -ResourceId $vmId -Confirm:$false @Connection
        $record.Status | Should -Be 'Done'
        Get-EmulatorResource -Emulator $Emulator -Id $record.Target | Should -BeNullOrEmpty
    }

    It 'leaves a healthy extension alone' {
        $record = Repair-AzVmBackupExtension -ResourceId (Get-ScenarioVmId 'vm-healthy-01') -Confirm:$false @Connection
        $record.Status | Should -Be 'NothingToDo'
    }

    It 'refuses while a backup job runs for the VM' {
        $records = @(Repair-AzVmBackupExtension -ResourceId (Get-ScenarioVmId 'vm-job-running') -Confirm:$false @Connection -ErrorVariable repairErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $repairErrors[0].FullyQualifiedErrorId | Should -BeLike 'BackupJobInProgress*'
    }
}

Describe 'Start-AzVmBackup and Stop-AzVmBackupJob' {
    It 'refuses to cancel a job that has completed' {
        $job = $Scenario.resources | Where-Object { $_.type -eq 'Microsoft.RecoveryServices/vaults/backupJobs' -and $_.properties.status -eq 'Completed' } | Select-Object -First 1
        $records = @(Stop-AzVmBackupJob -JobId $job.id -Confirm:$false @Connection -ErrorVariable jobErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $jobErrors.Count | Should -Be 1
        $jobErrors[0].FullyQualifiedErrorId | Should -BeLike 'JobNotInProgress*'
        $jobErrors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $jobErrors[0].TargetObject | Should -Be $job.id
    }

    It 'rejects a bare job GUID at binding' {
        { Stop-AzVmBackupJob -JobId '5ab00002-0000-4000-8000-000000000002' -Confirm:$false @Connection } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'starts a backup and cancels the job it started' {
        $vmId = Get-ScenarioVmId 'vm-healthy-01'
        (Start-AzVmBackup -ResourceId $vmId -WhatIf @Connection).Status | Should -Be 'WhatIf'

        $started = Start-AzVmBackup -ResourceId $vmId -RetainUntil (Get-Date).AddDays(10) -Confirm:$false @Connection
        $started.Status | Should -Be 'Done'
        $started.Action | Should -Be 'TriggerBackup'
        $started.JobId | Should -Not -BeNullOrEmpty

        # The emulator moves a job it started one step on each read after the first, so the cancel comes right away.
        $vault = $started.Target -replace '/backupFabrics/.*$', ''
        $jobId = "$vault/backupJobs/$($started.JobId)"
        $cancelled = Stop-AzVmBackupJob -JobId $jobId -Confirm:$false @Connection
        $cancelled.Status | Should -Be 'Done'
        $cancelled.Action | Should -Be 'CancelJob'
        $cancelled.Target | Should -Be $jobId
        (Get-EmulatorResource -Emulator $Emulator -Id $jobId).properties.status | Should -BeIn @('Cancelling', 'Cancelled')
    }

    It 'only shows the cancellation of a running job with -WhatIf' {
        $job = $Scenario.resources | Where-Object { $_.type -eq 'Microsoft.RecoveryServices/vaults/backupJobs' -and $_.properties.status -eq 'InProgress' } | Select-Object -First 1
        $record = Stop-AzVmBackupJob -JobId $job.id -WhatIf @Connection
        $record.Status | Should -Be 'WhatIf'
        $record.Action | Should -Be 'CancelJob'
        (Get-EmulatorResource -Emulator $Emulator -Id $job.id).properties.status | Should -Be 'InProgress'
    }

    It 'refuses a VM that no vault protects' {
        $records = @(Start-AzVmBackup -ResourceId (Get-ScenarioVmId 'vm-unprotected') -Confirm:$false @Connection -ErrorVariable startErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $startErrors[0].FullyQualifiedErrorId | Should -BeLike 'VmNotProtected*'
    }
}

Describe 'A repair of a VM whose lock journal another repair holds' {
    BeforeAll {
        $VmId = Get-ScenarioVmId 'vm-restorepoints-18'
        $JournalDir = Join-Path $TestDrive 'journal'
        New-Item -ItemType Directory -Path $JournalDir | Out-Null
        # The journal's file name: the VM's name, then the first 16 hex digits of the SHA-256 of its lower-cased id.
        $normalized = $VmId.Trim().TrimEnd('/').ToLowerInvariant()
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $hash = ([BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($normalized))) -replace '-', '').Substring(0, 16).ToLowerInvariant()
        $name = ($normalized -split '/')[-1] -replace '[^a-z0-9._-]', '_'
        # Held the way a running repair holds it: open with no sharing (an exclusive OS lock).
        $Held = [System.IO.File]::Open((Join-Path $JournalDir "$name-$hash.journal"), 'OpenOrCreate', 'ReadWrite', 'None')
    }

    AfterAll {
        if ($Held) { $Held.Dispose() }
    }

    It 'is refused with LockJournalInUse as OperationStopped, even with -WhatIf, and so is Restore-AzBackupLock' {
        $records = @(Repair-AzRestorePointCollection -ResourceId $VmId -JournalPath $JournalDir -WhatIf @Connection -ErrorVariable repairErrors -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $repairErrors.Count | Should -Be 1
        $repairErrors[0].FullyQualifiedErrorId | Should -BeLike 'LockJournalInUse*'
        $repairErrors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $repairErrors[0].TargetObject | Should -Be $VmId
        $repairErrors[0].Exception.Message | Should -BeLike '*Another repair*'

        $resumed = @(Restore-AzBackupLock -ResourceId $VmId -JournalPath $JournalDir @Connection -ErrorVariable resumeErrors -ErrorAction SilentlyContinue)
        $resumed.Count | Should -Be 0
        $resumeErrors.Count | Should -Be 1
        $resumeErrors[0].FullyQualifiedErrorId | Should -BeLike 'LockJournalInUse*'
        $resumeErrors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
    }
}
