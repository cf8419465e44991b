#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Get-AzVmBackupFailure against its own emulator serving scenarios/failures.json: one VM per known backup error, each
# in the state that causes it (docs/triage.md lists them). The cmdlet only reads; the one pipe into Stop-AzVmBackupJob
# uses -WhatIf, so nothing changes. $Expected exists at discovery only: tests that need it at run time get it as test data.

BeforeDiscovery {
    # VM, the knowledge base entry its job must match, how, the readiness check that must explain it (none: no check
    # sees guest-only errors) and the repair command. The same table as docs/triage.md and the end-to-end tests.
    $Expected = @(
        @{ Vm = 'vm-agent-down'; Code = 'UserErrorGuestAgentStatusUnavailable'; MatchedBy = 'Message'; CauseCheck = 'Agent.Ready'; Repair = $null }
        @{ Vm = 'vm-rp-full'; Code = 'UserErrorRpCollectionLimitReached'; MatchedBy = 'Code'; CauseCheck = 'RestorePoints.CollectionLimit'; Repair = 'Repair-AzRestorePointCollection' }
        @{ Vm = 'vm-crp-failed'; Code = 'UserErrorCrpReportedUserError'; MatchedBy = 'Code'; CauseCheck = 'Vm.ProvisioningState'; Repair = 'Repair-AzVmBackupExtension' }
        @{ Vm = 'vm-deleted-app'; Code = '320001'; MatchedBy = 'ErrorCode'; CauseCheck = 'Vault.ProtectedVmExists'; Repair = $null }
        @{ Vm = 'vm-deleted-db'; Code = '400094'; MatchedBy = 'ErrorCode'; CauseCheck = 'Vault.ProtectedVmExists'; Repair = $null }
        @{ Vm = 'vm-shutting-down'; Code = '380008'; MatchedBy = 'ErrorCode'; CauseCheck = 'Vm.PowerState'; Repair = $null }
        @{ Vm = 'vm-ext-stuck'; Code = 'ExtensionStuckInDeletionState'; MatchedBy = 'Message'; CauseCheck = 'Extension.BackupExtension'; Repair = 'Repair-AzVmBackupExtension' }
        @{ Vm = 'vm-disk-huge'; Code = 'UserErrorUnsupportedDiskSize'; MatchedBy = 'Code'; CauseCheck = 'Disks.SupportedSize'; Repair = $null }
        @{ Vm = 'vm-no-outbound'; Code = 'ExtensionSnapshotFailedNoNetwork'; MatchedBy = 'Code'; CauseCheck = 'Network.OutboundHttps'; Repair = $null }
        @{ Vm = 'vm-kv-no-access'; Code = 'UserErrorKeyvaultPermissionsNotConfigured'; MatchedBy = 'Code'; CauseCheck = 'KeyVault.BackupAccess'; Repair = $null }
        @{ Vm = 'vm-job-overlap'; Code = 'UserErrorBackupOperationInProgress'; MatchedBy = 'Code'; CauseCheck = 'Jobs.BackupInProgress'; Repair = 'Stop-AzVmBackupJob' }
        @{ Vm = 'vm-fsfreeze'; Code = 'UserErrorFsFreezeFailed'; MatchedBy = 'Code'; CauseCheck = $null; Repair = $null }
        @{ Vm = 'vm-vss-warning'; Code = 'ExtensionFailedVssWriterInBadState'; MatchedBy = 'Code'; CauseCheck = $null; Repair = $null }
        @{ Vm = 'vm-long-backup'; Code = 'NoCode.BackupOrRestoreTakesLong'; MatchedBy = 'JobDuration'; CauseCheck = 'Jobs.BackupInProgress'; Repair = 'Stop-AzVmBackupJob' }
    )
}

BeforeAll {
    $RepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    $ScenarioPath = Join-Path $RepoRoot 'scenarios/failures.json'
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop

    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $SubscriptionId = @($Scenario.subscriptions)[0].subscriptionId
    $VaultId = @($Scenario.resources | Where-Object type -eq 'Microsoft.RecoveryServices/vaults')[0].id
    # Built rather than looked up: vm-deleted-app and vm-deleted-db exist only as protected items.
    function Get-ScenarioVmId([string] $Name) { "/subscriptions/$SubscriptionId/resourceGroups/rg-app-ne/providers/Microsoft.Compute/virtualMachines/$Name" }

    # Expected texts, from the data the engine embeds.
    $Entries = @(Get-ChildItem -Path (Join-Path $RepoRoot 'knowledge') -Filter '*.json' | ForEach-Object { (Get-Content -Raw -Path $_.FullName | ConvertFrom-Json).entries })
    $Phrases = (Get-Content -Raw -Path (Join-Path $RepoRoot 'knowledge/messages.json') | ConvertFrom-Json).phrases

    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection

    $Diagnoses = @(Get-AzVmBackupFailure -SubscriptionId $SubscriptionId -Culture en-US @Connection -ErrorVariable TriageErrors)
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Get-AzVmBackupFailure -SubscriptionId' {
    It 'diagnoses the job of <Vm> as <Code>, explained by <CauseCheck>, repaired by <Repair>' -ForEach $Expected {
        $d = @($Diagnoses | Where-Object VmName -eq $Vm)
        $d.Count | Should -Be 1
        $d = $d[0]
        $d.GetType().FullName | Should -Be 'AzBackupTroubleshoot.PowerShell.Output.BackupJobDiagnosis'
        $d.Match.Code | Should -Be $Code
        "$($d.Match.MatchedBy)" | Should -Be $MatchedBy
        $d.CauseCheckId | Should -Be $CauseCheck
        $d.RepairCommand | Should -Be $Repair
        $d.VaultId | Should -Be $VaultId
        $d.JobId | Should -BeLike "$VaultId/backupJobs/*"
        $d.VmId | Should -Be (Get-ScenarioVmId $Vm)
        $d.Language | Should -Be 'en'
        $d.Remediation.Count | Should -BeGreaterThan 0
        if ($CauseCheck) {
            $evidence = $d.RelatedChecks | Where-Object CheckId -eq $CauseCheck
            "$($evidence.Status)" | Should -BeIn @('Fail', 'Warning')
            $d.MostLikelyCause.Contains($evidence.Message) | Should -BeTrue -Because 'the cause quotes the finding of the check'
        }
        else {
            $d.MostLikelyCause | Should -Be ($Entries | Where-Object code -eq $Code).cause.en
        }
    }

    It 'reports every failed, warning or overrunning job and nothing else, with no error' -TestCases @(@{ ExpectedVms = $Expected.Vm }) {
        @($Diagnoses.VmName | Sort-Object) | Should -Be @($ExpectedVms | Sort-Object)
        $TriageErrors.Count | Should -Be 0
        @($Diagnoses | Where-Object VmName -eq 'vm-healthy').Count | Should -Be 0
        "$(($Diagnoses | Where-Object VmName -eq 'vm-vss-warning').Kind)" | Should -Be 'CompletedWithWarnings'
        "$(($Diagnoses | Where-Object VmName -eq 'vm-long-backup').Kind)" | Should -Be 'LongRunning'
    }

    It 'prints a table of VmName, Job, Code and MostLikelyCause' {
        $text = $Diagnoses | Format-Table | Out-String -Width 120
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('VmName', 'Job', 'Code', 'MostLikelyCause')
        $text | Should -Match 'UserErrorRpCollectionLimitReached'
    }
}

Describe 'Get-AzVmBackupFailure -Culture it-IT' {
    BeforeAll {
        $Italian = @(Get-AzVmBackupFailure -ResourceId (Get-ScenarioVmId 'vm-agent-down') -Culture it-IT @Connection)
    }

    It 'writes the matched error, the cause, the fix and its own sentences in Italian' {
        $Italian.Count | Should -Be 1
        $entry = $Entries | Where-Object code -eq 'UserErrorGuestAgentStatusUnavailable'
        $Italian[0].Language | Should -Be 'it'
        $Italian[0].Match.Code | Should -Be $entry.code
        $Italian[0].Match.Title | Should -Be $entry.title.it
        $Italian[0].Cause | Should -Be $entry.cause.it
        $Italian[0].Remediation | Should -Be $entry.remediation.it
        $template = $Phrases.failingCheck.it.Replace('{check}', 'Agent.Ready')
        $Italian[0].MostLikelyCause | Should -BeLike ($template.Substring(0, $template.IndexOf('{message}')) + '*')
    }

    It 'matches the same error as in English' {
        $Italian[0].Match.Code | Should -Be ($Diagnoses | Where-Object VmName -eq 'vm-agent-down').Match.Code
        $Italian[0].Match.Title | Should -Not -Be ($Diagnoses | Where-Object VmName -eq 'vm-agent-down').Match.Title
    }
}

Describe 'Get-AzVmBackupFailure scopes and input' {
    It 'gathers piped ids, reads a VM piped in several times once, and binds Get-AzVM objects by Id' {
        $rpFull = Get-ScenarioVmId 'vm-rp-full'
        $piped = @(
            [pscustomobject]@{ VmId = $rpFull }                                              # readiness results: one per check
            [pscustomobject]@{ VmId = $rpFull }
            [pscustomobject]@{ Id = (Get-ScenarioVmId 'vm-disk-huge'); VmId = [guid]::NewGuid().ToString() }  # Get-AzVM shape
        )
        $found = @($piped | Get-AzVmBackupFailure @Connection)
        @($found.VmName | Sort-Object) | Should -Be @('vm-disk-huge', 'vm-rp-full')
    }

    It 'reports a malformed id as InvalidResourceId and still diagnoses the other VMs' {
        $found = @('not-a-vm-id', (Get-ScenarioVmId 'vm-rp-full') | Get-AzVmBackupFailure @Connection -ErrorVariable inputErrors -ErrorAction SilentlyContinue)
        @($found.VmName) | Should -Be @('vm-rp-full')
        $invalid = @($inputErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidResourceId*' })
        $invalid.Count | Should -Be 1
        $invalid[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $invalid[0].TargetObject | Should -Be 'not-a-vm-id'
    }

    It 'diagnoses a resource group' -TestCases @(@{ ExpectedVms = $Expected.Vm }) {
        $inGroup = @(Get-AzVmBackupFailure -ResourceGroupName 'rg-app-ne' -SubscriptionId $SubscriptionId @Connection)
        @($inGroup.VmName | Sort-Object) | Should -Be @($ExpectedVms | Sort-Object)
    }

    It "diagnoses only the vault's jobs with -VaultId" -TestCases @(@{ ExpectedVms = $Expected.Vm }) {
        @(Get-AzVmBackupFailure -VaultId $VaultId @Connection).Count | Should -Be $ExpectedVms.Count
    }

    It 'says a -VaultId that does not exist is not found, never "no failed job"' {
        $missing = $VaultId -replace 'rsv-triage-ne$', 'rsv-other'
        $err = $null
        try { $out = @(Get-AzVmBackupFailure -VaultId $missing @Connection) } catch { $err = $_ }
        $out.Count | Should -Be 0
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ResourceNotFound*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $missing
    }

    It 'rejects a -VaultId that is not a vault id at binding' {
        { Get-AzVmBackupFailure -VaultId (Get-ScenarioVmId 'vm-rp-full') @Connection } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'completes -Culture' {
        $line = 'Get-AzVmBackupFailure -Culture it'
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Be @('it-IT')
    }

    It 'pipes an overrunning job into Stop-AzVmBackupJob by its JobId' {
        $long = $Diagnoses | Where-Object Kind -eq 'LongRunning'
        $record = $long | Stop-AzVmBackupJob -WhatIf @Connection
        $record.Status | Should -Be 'WhatIf'
        $record.Action | Should -Be 'CancelJob'
        $record.Target | Should -Be $long.JobId
    }
}
