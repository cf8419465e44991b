#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# The cmdlets' objects through PowerShell's own serializers, with no helper parameters: ConvertTo-Json (no
# -EnumsAsStrings) and Export-Csv must read as the console does — statuses as names, codes and evidence as text —
# and a CSV or JSON file piped back into the module must give the same results. Objects come from one emulator
# serving scenarios/demo.json; the repair runs with -WhatIf only.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection
    $Sub = $Scenario.subscriptions[0].subscriptionId

    $Results = @(Test-AzVmBackupReadiness -SubscriptionId $Sub -Culture en-US @Connection -ErrorAction SilentlyContinue)
    # A failing result with several codes and several pieces of evidence: the case where arrays used to print badly.
    $Rich = $Results | Where-Object { $_.Status -eq 'Fail' -and $_.Codes.Count -gt 1 -and $_.Evidence.Count -gt 1 } | Select-Object -First 1
    $Diagnoses = @(Get-AzVmBackupFailure -SubscriptionId $Sub -Culture en-US @Connection)
    # The report says when it was written; two reports a second apart differ only there.
    filter Remove-Timestamp { $_ -replace 'generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ', 'generated <time>' }
    $Records = @(Repair-AzRestorePointCollection -ResourceId "/subscriptions/$Sub/resourceGroups/rg-ops-ne/providers/Microsoft.Compute/virtualMachines/vm-restorepoints-18" -WhatIf @Connection 6>$null)
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-Json without -EnumsAsStrings' {
    It 'has a failing result with several codes and evidence to test with' {
        $Rich | Should -Not -BeNullOrEmpty
    }

    It 'writes a check result''s status and severity as names, its codes as an array of text' {
        $json = $Rich | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Status | Should -BeExactly 'Fail'
        $json.Severity | Should -BeIn @('Critical', 'Warning', 'Info')
        $json.Codes | Should -Be @($Rich.Codes)
        $json.Codes[0] | Should -BeOfType [string]
    }

    It 'writes evidence as objects with resource id, path and value' {
        $json = $Rich | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Evidence.Count | Should -Be $Rich.Evidence.Count
        $json.Evidence[0].Path | Should -Be $Rich.Evidence[0].Path
        $json.Evidence[0].ResourceId | Should -Be $Rich.Evidence[0].ResourceId
    }

    It 'writes every status of a whole scan as a name, never a number' {
        $statuses = ($Results | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Status | Sort-Object -Unique
        $statuses | Should -Not -BeNullOrEmpty
        foreach ($status in $statuses) { $status | Should -BeIn @('Pass', 'Warning', 'Fail', 'Skipped', 'Error') }
    }

    It 'writes a diagnosis'' kind, its match''s source and its related checks'' statuses as names' {
        $d = $Diagnoses | Where-Object { $_.Match -and $_.RelatedChecks.Count -gt 0 } | Select-Object -First 1
        $d | Should -Not -BeNullOrEmpty
        $json = $d | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $json.Kind | Should -BeIn @('Failed', 'CompletedWithWarnings', 'LongRunning')
        $json.Match.MatchedBy | Should -BeIn @('ErrorCode', 'Code', 'Message', 'JobDuration')
        $json.RelatedChecks[0].Status | Should -BeIn @('Pass', 'Warning', 'Fail', 'Skipped', 'Error')
        @($json.Remediation).Count | Should -Be $d.Remediation.Count
    }

    It 'writes a repair record''s status as a name' {
        $Records.Count | Should -BeGreaterThan 0
        ($Records | ConvertTo-Json | ConvertFrom-Json | Select-Object -First 1).Status | Should -BeExactly 'WhatIf'
    }
}

Describe 'Export-Csv' {
    BeforeAll {
        $Work = Join-Path ([System.IO.Path]::GetTempPath()) ("azbt-csv-" + [guid]::NewGuid())
        New-Item -ItemType Directory -Path $Work | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force -Path $Work -ErrorAction SilentlyContinue }

    It 'writes no .NET type name for any property of any output type' {
        $path = Join-Path $Work 'all.csv'
        foreach ($set in @($Results), @($Diagnoses), @($Records)) {
            $set | Export-Csv -Path $path -NoTypeInformation -Force
            Get-Content -Raw -Path $path | Should -Not -Match 'System\.(String|Object)\[\]|AzBackupTroubleshoot\.'
        }
    }

    It 'writes codes and evidence as "; "-joined text' {
        $row = $Rich | ConvertTo-Csv | ConvertFrom-Csv
        $row.Status | Should -BeExactly 'Fail'
        $row.Codes | Should -BeExactly ($Rich.Codes -join '; ')
        $row.Evidence | Should -BeExactly (($Rich.Evidence | ForEach-Object { "$($_.Path)=$(if ($null -eq $_.Value) { 'null' } else { $_.Value })" }) -join '; ')
    }

    It 'writes a diagnosis'' errors, remediation and related checks as text' {
        $d = $Diagnoses | Where-Object { $_.Errors.Count -gt 0 -and $_.Remediation.Count -gt 0 } | Select-Object -First 1
        $d | Should -Not -BeNullOrEmpty
        $row = $d | ConvertTo-Csv | ConvertFrom-Csv
        $row.Errors | Should -BeLike "$($d.Errors[0].ErrorCode) *"
        $row.Remediation | Should -BeExactly ($d.Remediation -join '; ')
        $row.Kind | Should -BeIn @('Failed', 'CompletedWithWarnings', 'LongRunning')
    }

    It 'a CSV piped back in gives the same compliance verdicts as the objects' {
        $path = Join-Path $Work 'results.csv'
        $Results | Export-Csv -Path $path -NoTypeInformation -Force
        $fromObjects = Join-Path $Work 'objects.md'
        $fromCsv = Join-Path $Work 'csv.md'
        $Results | Export-AzBackupReadinessReport -Path $fromObjects -Force
        Import-Csv -Path $path | Export-AzBackupReadinessReport -Path $fromCsv -Force
        Get-Content -Raw $fromCsv | Remove-Timestamp | Should -Be (Get-Content -Raw $fromObjects | Remove-Timestamp)
    }

    It 'JSON piped back in gives the same report as the objects' {
        $fromObjects = Join-Path $Work 'objects-json.md'
        $fromJson = Join-Path $Work 'json.md'
        $Results | Export-AzBackupReadinessReport -Path $fromObjects -Force
        $Results | ConvertTo-Json -Depth 4 | ConvertFrom-Json | Export-AzBackupReadinessReport -Path $fromJson -Force
        Get-Content -Raw $fromJson | Remove-Timestamp | Should -Be (Get-Content -Raw $fromObjects | Remove-Timestamp)
    }
}
