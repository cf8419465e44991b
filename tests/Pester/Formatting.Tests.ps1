#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# The module's views (module/AzBackupTroubleshoot.format.ps1xml) as a user sees them in a 120-column console:
# `Out-String -Width 120` of every output type's default table and of its list. Objects come from one emulator serving
# scenarios/demo.json; repairs run with -WhatIf only, so nothing changes.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection
    $Sub = $Scenario.subscriptions[0].subscriptionId

    $Objects = @{
        CheckResult            = @(Test-AzVmBackupReadiness -SubscriptionId $Sub -Culture en-US @Connection -ErrorAction SilentlyContinue)
        RepairRecord           = @(Repair-AzRestorePointCollection -ResourceId "/subscriptions/$Sub/resourceGroups/rg-ops-ne/providers/Microsoft.Compute/virtualMachines/vm-restorepoints-18" -WhatIf @Connection 6>$null)
        BackupFailureDiagnosis = @(Get-AzVmBackupFailure -SubscriptionId $Sub -Culture en-US @Connection)
        BackupErrorInfo        = @('UserErrorGuestAgentStatusUnavailable', 'UserErrorRpCollectionLimitReached', 'ExtensionSnapshotFailedNoNetwork' | ForEach-Object { Get-AzBackupErrorInfo -Code $_ })
        BackupErrorMatch       = @(Get-AzBackupErrorInfo -Message 'The VM agent is unable to communicate with the Azure Backup service' -Top 3)
    }

    # The table's lines without the header, its dashes and blank lines.
    function Get-TableRows($InputObject) {
        $lines = ($InputObject | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() }
        @($lines | Select-Object -Skip 2)
    }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Default tables at 120 columns' {
    It '<_> has objects to show' -ForEach @('CheckResult', 'RepairRecord', 'BackupFailureDiagnosis', 'BackupErrorInfo', 'BackupErrorMatch') {
        $Objects[$_].Count | Should -BeGreaterThan 0
    }

    It '<_> prints one line per object, none wider than 120' -ForEach @('CheckResult', 'RepairRecord', 'BackupFailureDiagnosis', 'BackupErrorInfo', 'BackupErrorMatch') {
        $rows = Get-TableRows $Objects[$_]
        $rows.Count | Should -Be $Objects[$_].Count -Because 'a wrapped row would take more than one line'
        foreach ($row in $rows) { $row.Length | Should -BeLessOrEqual 120 }
    }

    It 'CheckResult rows show VM, check and status whole, and the message or a cut of it at a word' {
        $rows = Get-TableRows $Objects.CheckResult
        $cut = 0
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $result = $Objects.CheckResult[$i]
            $row = $rows[$i]
            $row | Should -BeLike "$($result.VmName) *$($result.CheckId) *$($result.Status) *"
            $shown = $row.Substring(68).TrimEnd()     # VmName 26 + CheckId 32 (the longest id, AzurePolicy.RestorePointCreation) + Status 7 + 3 separators
            if ($shown.EndsWith([char]0x2026)) {
                $cut++
                $result.Message | Should -BeLike ($shown.TrimEnd([char]0x2026) + '*')
            }
            else { $shown | Should -Be $result.Message.Trim() }
        }
        # At 120 columns most messages are longer than their 54 characters: the test sees both kinds.
        $cut | Should -BeGreaterThan 0
        $cut | Should -BeLessThan $rows.Count
    }

    It 'the CheckId column holds the longest check id there is, not only the demo''s' {
        # One page per check in docs/checks (generated from the catalog); a new, longer id must widen the column.
        $longest = (Get-ChildItem -Path (Join-Path $TestRepoRoot 'docs/checks') -Filter '*.md' | Where-Object Name -ne 'README.md' |
            ForEach-Object { $_.BaseName.Length } | Measure-Object -Maximum).Maximum
        [xml] $views = Get-Content -Raw -Path (Join-Path $TestRepoRoot 'module/AzBackupTroubleshoot.format.ps1xml')
        $table = $views.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq 'AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult' -and $_.TableControl }
        $width = [int](($table.TableControl.TableHeaders.TableColumnHeader | Where-Object Label -eq 'CheckId').Width)
        $longest | Should -BeGreaterThan 20
        $width | Should -BeGreaterOrEqual $longest
    }

    It 'the CheckResult table of the whole demo takes one line per result (no wrapping)' {
        $all = Get-TableRows $Objects.CheckResult
        $all.Count | Should -Be $Objects.CheckResult.Count
    }

    It 'BackupFailureDiagnosis rows show the VM, a short job status and the code whole' {
        $rows = Get-TableRows $Objects.BackupFailureDiagnosis
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $diagnosis = $Objects.BackupFailureDiagnosis[$i]
            $row = $rows[$i]
            $row | Should -BeLike "$($diagnosis.VmName) *"
            $row.Substring(27, 8).Trim() | Should -BeIn @('Failed', 'Warnings', 'Overruns')     # VmName 26 + a space
            if ($diagnosis.Match) { $row.Substring(36, 36).Trim() | Should -Be $diagnosis.Match.Code }
            $row.Length | Should -BeGreaterThan 73 -Because 'the most likely cause gets the rest of the line'
        }
    }

    It 'RepairRecord rows show status, action and the target name whole' {
        $rows = Get-TableRows $Objects.RepairRecord
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $record = $Objects.RepairRecord[$i]
            $rows[$i] | Should -BeLike "$($record.Status) *$($record.Action) *$($record.Target.Split('/')[-1]) *"
        }
    }
}

Describe 'List views show everything' {
    It '<_> lists every property of the object' -ForEach @('CheckResult', 'RepairRecord', 'BackupFailureDiagnosis', 'BackupErrorInfo', 'BackupErrorMatch') {
        $object = $Objects[$_][0]
        $text = $object | Format-List | Out-String -Width 120
        $labels = @(($text -split "`r?`n") | Where-Object { $_ -match '^(\w+)\s*:' } | ForEach-Object { $Matches[1] })
        $properties = @($object.PSObject.Properties.Name | Where-Object {
                # BackupErrorMatch repeats its entry's Code, Area and Title; the entry itself is shown by its parts.
                -not ($_ -eq 'Error' -and $object.GetType().Name -eq 'BackupErrorMatch') })
        foreach ($property in $properties) { $labels | Should -Contain $property }
    }

    It 'a CheckResult list shows codes and evidence as text' {
        $failing = $Objects.CheckResult | Where-Object { $_.Codes.Count -gt 0 -and $_.Evidence.Count -gt 0 } | Select-Object -First 1
        $text = $failing | Format-List | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($failing.Codes[0]))
        $text | Should -Not -Match 'System\.String\[\]'
        $text | Should -Not -Match 'AzBackupTroubleshoot\.[A-Za-z.]+\[\]'
    }
}
