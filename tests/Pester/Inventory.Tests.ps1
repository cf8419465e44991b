#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Export-AzBackupInventory and Test-AzVmBackupReadiness -InventoryPath: collection apart from evaluation, as a support
# engineer uses it. The demo exported from one emulator and evaluated from the file gives the live results; the file
# holds no token; -WhatIf reads and writes nothing; mistakes are ErrorRecords with an id, a category and a target.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection
    $Sub = $Scenario.subscriptions[0].subscriptionId
    $Token = $Emulator.Announced.accessToken
    $Work = Join-Path ([System.IO.Path]::GetTempPath()) ("azbt-inventory-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $Work | Out-Null
    $Inventory = Join-Path $Work 'inventory.json'

    function Key($r) { "$($r.VmId)|$($r.CheckId)" }
    function Comparable($results) { @($results | Sort-Object { Key $_ } | ForEach-Object { $_ | ConvertTo-Json -Depth 4 -Compress }) }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Item -Recurse -Force -Path $Work -ErrorAction SilentlyContinue
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Export, then evaluate offline' {
    BeforeAll {
        $File = Export-AzBackupInventory -SubscriptionId $Sub -Path $Inventory -PassThru @Connection
        $Live = @(Test-AzVmBackupReadiness -SubscriptionId $Sub -Culture en-US @Connection)
        $Offline = @(Test-AzVmBackupReadiness -InventoryPath $Inventory -Culture en-US)
    }

    It 'writes the file and returns it with -PassThru' {
        $File.FullName | Should -Be $Inventory
        (Get-Content -Raw -Path $Inventory | ConvertFrom-Json).schemaVersion | Should -Be '1.0'
        Get-ChildItem -Path $Work -Filter '*.partial-*' | Should -BeNullOrEmpty
    }

    It 'gives the live scan''s results from the file alone' {
        $Live.Count | Should -BeGreaterThan 100
        $Offline.Count | Should -Be $Live.Count
        Comparable $Offline | Should -Be (Comparable $Live)
    }

    It 'evaluates the file with no Azure to talk to' {
        # A fresh session with no connection at all: had the cmdlet tried to reach ARM (the default cloud, which this
        # machine cannot reach) it would have failed instead of writing the same results.
        $out = Invoke-TestPwsh -ArgumentList @('-NonInteractive', '-Command',
            "Import-Module '$(Get-TestModuleManifest)'; 'COUNT ' + @(Test-AzVmBackupReadiness -InventoryPath '$Inventory' -ErrorAction Stop).Count")
        ($out -join "`n") | Should -Match "COUNT $($Live.Count)\b"
    }

    It 'holds no token' {
        Get-Content -Raw -Path $Inventory | Should -Not -BeLike "*$Token*"
    }

    It 'selects checks by tag offline as live' {
        $tagged = @(Test-AzVmBackupReadiness -InventoryPath $Inventory -Tag locks)
        $liveTagged = @(Test-AzVmBackupReadiness -SubscriptionId $Sub -Tag locks @Connection)
        $tagged.Count | Should -BeGreaterThan 0
        $tagged.Count | Should -BeLessThan $Live.Count
        @($tagged.CheckId | Sort-Object -Unique) | Should -Be @($liveTagged.CheckId | Sort-Object -Unique)
    }
}

Describe 'Export-AzBackupInventory safety' {
    It '-WhatIf writes no file' {
        $path = Join-Path $Work 'whatif.json'
        Export-AzBackupInventory -SubscriptionId $Sub -Path $path -WhatIf @Connection
        $path | Should -Not -Exist
    }

    It 'does not replace a file without -Force, and says so before reading anything' {
        $path = Join-Path $Work 'exists.json'
        Set-Content -Path $path -Value 'keep me'
        $err = { Export-AzBackupInventory -SubscriptionId $Sub -Path $path @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InventoryFileExists,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
        $err.TargetObject | Should -Be $path
        Get-Content -Raw -Path $path | Should -BeLike 'keep me*'
    }

    It 'refuses a folder that does not exist' {
        $err = { Export-AzBackupInventory -SubscriptionId $Sub -Path (Join-Path $Work 'no/such/folder.json') @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OutputFolderMissing,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'reports a scope it could not read and records it in the file' {
        $path = Join-Path $Work 'partial.json'
        $missing = '00000000-0000-4000-8000-000000000001'
        $err = $null
        Export-AzBackupInventory -SubscriptionId $Sub, $missing -Path $path @Connection -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -BeGreaterThan 0
        $saved = Get-Content -Raw -Path $path | ConvertFrom-Json
        @($saved.scopeErrors).Count | Should -Be $err.Count
        @($saved.vms).Count | Should -BeGreaterThan 0
    }
}

Describe 'Test-AzVmBackupReadiness -InventoryPath mistakes' {
    It 'ignores connection parameters with a warning, and still reads only the file' {
        if (-not (Test-Path $Inventory)) { Export-AzBackupInventory -SubscriptionId $Sub -Path $Inventory @Connection }
        $warnings = $null
        $out = @(Test-AzVmBackupReadiness -InventoryPath $Inventory -ArmEndpoint 'https://127.0.0.1:1/' -SkipRestorePointCount -Check Vm.PowerState -WarningVariable warnings -WarningAction SilentlyContinue)
        $out.Count | Should -BeGreaterThan 0
        "$warnings" | Should -BeLike '*-ArmEndpoint, -SkipRestorePointCount ignored*'
    }


    It '<Name> is <Id> (<Category>)' -ForEach @(
        @{ Name = 'a missing file'; Extra = @{}; Id = 'InventoryUnreadable'; Category = 'InvalidArgument'; File = 'missing' }
        @{ Name = 'a results file'; Extra = @{}; Id = 'InventoryNotRecognized'; Category = 'InvalidArgument'; File = 'results' }
        @{ Name = 'another major version'; Extra = @{}; Id = 'InventoryVersionUnsupported'; Category = 'InvalidArgument'; File = 'v2' }
        @{ Name = 'an unknown tag'; Extra = @{ Tag = 'no-such-tag' }; Id = 'UnknownCheck'; Category = 'InvalidArgument'; File = 'good' }
    ) {
        $files = @{
            good    = $Inventory
            missing = Join-Path $Work 'missing.json'
            results = Join-Path $Work 'results.json'
            v2      = Join-Path $Work 'v2.json'
        }
        Set-Content -Path $files.results -Value '[]'
        Set-Content -Path $files.v2 -Value '{ "schemaVersion": "2.0", "collectedAt": "2026-01-01T00:00:00Z", "vms": [], "scopeErrors": [] }'
        if (-not (Test-Path $Inventory)) { Export-AzBackupInventory -SubscriptionId $Sub -Path $Inventory @Connection }
        $err = { Test-AzVmBackupReadiness -InventoryPath $files[$File] @Extra } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        "$err" | Should -Not -Match "`n|   at |Exception"
    }
}
