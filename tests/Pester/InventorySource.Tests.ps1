#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Test-AzVmBackupReadiness -InventorySource against the live emulator: ResourceGraph gives the same results and scope
# errors as Arm on the demo, and really reads through Resource Graph (its queries in the emulator's request log, its
# Write-Progress bar); Auto on the demo's three subscriptions reads through ARM; a value outside the set is a parameter
# binding error that sends nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $Manifest = Get-TestModuleManifest
    Import-Module -Name $Manifest -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Subs = @($Scenario.subscriptions.subscriptionId) # three, one of them forbidden
    $RequestLog = Join-Path $TestDrive 'requests.jsonl'
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath -RequestLog $RequestLog
    $Connection = $Emulator.Connection
    $GraphPath = '/providers/Microsoft.ResourceGraph/resources'

    # A GET the log shows between two scans, so each scan's requests can be told apart.
    function Send-Marker([string] $Name) { $null = Get-EmulatorResource -Emulator $Emulator -Id "/subscriptions/$($Subs[0])/resourceGroups/azbt-marker-$Name" }

    # One scan in a PowerShell instance of its own, to catch its Progress stream as well as its output and errors.
    function Invoke-Scan([string] $Source) {
        Send-Marker $Source
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Manifest).AddStatement()
            $null = $shell.AddCommand('Test-AzVmBackupReadiness').AddParameter('SubscriptionId', $Subs).AddParameter('InventorySource', $Source).AddParameter('Culture', 'en-US').AddParameters($Connection)
            $results = @($shell.Invoke())
            [pscustomobject]@{ Results = $results; Errors = @($shell.Streams.Error); Progress = @($shell.Streams.Progress) }
        }
        finally { $shell.Dispose() }
    }

    # Every member of every result, evidence included (an extension is cited by name, so the order Resource Graph's
    # rows leave a VM's extensions in does not show).
    function Comparable($results) {
        @($results | Sort-Object { "$($_.VmId)|$($_.CheckId)" } | ForEach-Object { $_ | ConvertTo-Json -Depth 6 -Compress })
    }
    # The results of one scan that the other does not have, word for word (empty when both are the same).
    function Differences($one, $other) { @(Compare-Object -ReferenceObject (Comparable $one) -DifferenceObject (Comparable $other) -CaseSensitive | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) }
    function ErrorKeys($errors) { @($errors | ForEach-Object { "$($_.FullyQualifiedErrorId)|$($_.TargetObject)|$($_.CategoryInfo.Category)" } | Sort-Object) }

    $Arm = Invoke-Scan 'Arm'
    $Graph = Invoke-Scan 'ResourceGraph'
    $Auto = Invoke-Scan 'Auto'
    Send-Marker 'invalid'
    try {
        Test-AzVmBackupReadiness -SubscriptionId $Subs[0] -InventorySource 'Graph' @Connection -ErrorAction Stop
        $Invalid = $null
    }
    catch { $Invalid = $_ }
    Send-Marker 'end'

    # The log is written when the emulator stops: each scan's requests are those after its marker.
    Stop-TestEmulator -Emulator $Emulator
    $Emulator = $null
    $Requests = [ordered]@{}
    $current = $null
    foreach ($entry in Get-Content -Path $RequestLog | ForEach-Object { $_ | ConvertFrom-Json }) {
        if ($entry.path -match '/resourceGroups/azbt-marker-(?<name>[^/?]+)$') { $current = $Matches.name; $Requests[$current] = @(); continue }
        if ($null -ne $current) { $Requests[$current] += "$($entry.method) $($entry.path)" }
    }
    function GraphQueries([string] $Name) { @($Requests[$Name] | Where-Object { $_ -eq "POST $GraphPath" }).Count }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Test-AzVmBackupReadiness -InventorySource' {
    It 'gives the same results through ResourceGraph as through Arm on the demo' {
        $Arm.Results.Count | Should -BeGreaterThan 100
        $Graph.Results.Count | Should -Be $Arm.Results.Count
        Differences $Arm.Results $Graph.Results | Should -BeNullOrEmpty
    }

    It 'reports the forbidden subscription the same way through both' {
        $Arm.Errors.Count | Should -BeGreaterThan 0
        ErrorKeys $Graph.Errors | Should -Be (ErrorKeys $Arm.Errors)
        $Graph.Errors.TargetObject | Should -Contain "/subscriptions/$($Subs[2])"
    }

    It 'reads the lists from Resource Graph with ResourceGraph, and from ARM with Arm' {
        GraphQueries 'ResourceGraph' | Should -BeGreaterOrEqual 11 -Because 'one query per type (VMs with their extensions), at least'
        @($Requests['ResourceGraph'] | Where-Object { $_ -like 'GET */backupProtectedItems' }).Count | Should -Be 0
        GraphQueries 'Arm' | Should -Be 0
        @($Requests['Arm'] | Where-Object { $_ -like 'GET */backupProtectedItems' }).Count | Should -BeGreaterThan 0
    }

    It 'shows the Resource Graph queries in a progress bar of their own, and closes it' {
        $bar = @($Graph.Progress | Where-Object ActivityId -eq 4)
        $bar.Count | Should -BeGreaterThan 0
        $bar | ForEach-Object ParentActivityId | Select-Object -Unique | Should -Be 1
        $answered = @($bar | Where-Object RecordType -eq 'Processing')[-1]
        $answered.StatusDescription | Should -Match "^$(GraphQueries 'ResourceGraph') of $(GraphQueries 'ResourceGraph') quer\(ies\) answered, [\d,]+ rows read$"
        $bar[-1].RecordType | Should -Be 'Completed'
        @($Arm.Progress | Where-Object ActivityId -eq 4).Count | Should -Be 0
    }

    It 'reads through ARM with Auto on three subscriptions (Resource Graph only above five)' {
        GraphQueries 'Auto' | Should -Be 0
        Differences $Arm.Results $Auto.Results | Should -BeNullOrEmpty
    }

    It 'refuses a value outside Auto, Arm, ResourceGraph at parameter binding, sending nothing' {
        $Invalid | Should -Not -BeNullOrEmpty
        $Invalid.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        $Invalid.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $Invalid.Exception.Message | Should -Match 'InventorySource'
        $Requests['invalid'].Count | Should -Be 0
    }
}
