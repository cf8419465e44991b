#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Write-Progress while Test-AzVmBackupReadiness scans the demo scenario: the records PowerShell receives, caught in a
# PowerShell instance's Progress stream. The scan bar has an estimate of the time left, the VM bar moves per VM
# evaluated, the restore point bar per collection read, and all bars are closed at the end.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $Manifest = Get-TestModuleManifest
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    # 100 ms per answer: the restore point reads take long enough for the engine's 250 ms progress reports to show them.
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath -LatencyMs 100
    $Sub = $Scenario.subscriptions[0].subscriptionId
    $VmCount = @($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/virtualMachines' -and $_.id -like "/subscriptions/$Sub/*" }).Count

    $shell = [powershell]::Create()
    try {
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Manifest).AddStatement()
        $connection = $Emulator.Connection
        $null = $shell.AddCommand('Test-AzVmBackupReadiness').AddParameter('SubscriptionId', $Sub).AddParameters($connection)
        $Results = @($shell.Invoke())
        $Progress = @($shell.Streams.Progress)
        $Errors = @($shell.Streams.Error)
    }
    finally { $shell.Dispose() }
    $Scan = @($Progress | Where-Object ActivityId -eq 1)
    $Vms = @($Progress | Where-Object ActivityId -eq 2)
    $Collections = @($Progress | Where-Object ActivityId -eq 3)
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
}

Describe 'Test-AzVmBackupReadiness progress' {
    It 'scans without errors' {
        $Errors | Should -BeNullOrEmpty
        $Results.Count | Should -BeGreaterThan 0
    }

    It 'moves the VM bar once per VM evaluated, up to all of them' {
        $statuses = @($Vms | Where-Object RecordType -eq 'Processing' | ForEach-Object StatusDescription | Select-Object -Unique)
        $statuses.Count | Should -BeGreaterThan ($VmCount / 2) -Because "$VmCount VMs are evaluated one by one"
        $statuses | Should -Contain "$VmCount of $VmCount VM(s) evaluated"
        $Vms | ForEach-Object ParentActivityId | Select-Object -Unique | Should -Be 1
    }

    # How often this bar moves is the engine's (at most every 250 ms; with streaming the reads of the demo often fit in
    # one report), so the test asserts only that the bar exists, counts collections and reaches all of them.
    It 'shows a restore point bar that reaches every collection' {
        $read = @($Collections | Where-Object RecordType -eq 'Processing')
        $read.Count | Should -BeGreaterThan 0
        $read[-1].PercentComplete | Should -Be 100
        $read[-1].StatusDescription | Should -Match '^(\d[\d,]*) of \1 restore point collection\(s\) read$'
        $read | ForEach-Object ParentActivityId | Select-Object -Unique | Should -Be 1
    }

    It 'gives the scan an estimate of the time left while it runs' {
        $running = @($Scan | Where-Object { $_.RecordType -eq 'Processing' -and $_.PercentComplete -gt 0 -and $_.PercentComplete -lt 100 })
        $running.Count | Should -BeGreaterThan 0
        @($running | Where-Object SecondsRemaining -ge 0).Count | Should -Be $running.Count
        @($Scan.PercentComplete | Select-Object -Unique).Count | Should -BeGreaterThan 3 -Because 'the scan bar moves, not 0% then 100%'
    }

    It 'closes every bar at the end' {
        foreach ($id in 1, 2, 3) {
            ($Progress | Where-Object ActivityId -eq $id | Select-Object -Last 1).RecordType | Should -Be 'Completed'
        }
    }
}
