#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# The Azure Automation package (tools/New-AutomationPackage.ps1, what build.ps1 -Task Package runs) and the sample
# runbook (docs/runbooks/Invoke-BackupReadinessRunbook.ps1), run as Automation runs it: a fresh `pwsh -NonInteractive`
# whose PSModulePath holds only the unzipped package. Automation would sign in with the account's managed identity;
# no managed identity exists here, so the runbook's test-only -ArmEndpoint/-AccessToken/-TrustedCertificateSha256
# point it at the emulator instead: the sign-in path itself is not exercised by this test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $Package = & (Join-Path $TestRepoRoot 'tools/New-AutomationPackage.ps1') -OutputDirectory (Join-Path $TestDrive 'package') 6>$null
    $Modules = Join-Path $TestDrive 'modules'
    Expand-Archive -Path $Package.FullName -DestinationPath $Modules
    $SourceVersion = (Import-PowerShellDataFile -Path (Join-Path $TestRepoRoot 'module/AzBackupTroubleshoot.psd1')).ModuleVersion

    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Sub = $Scenario.subscriptions[0].subscriptionId
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Runbook = Join-Path $TestRepoRoot 'docs/runbooks/Invoke-BackupReadinessRunbook.ps1'

    # Runs the runbook in a fresh non-interactive pwsh that sees only the package's module; returns its output objects.
    function Invoke-Runbook([string[]] $Switches = @()) {
        $out = Join-Path $TestDrive "runbook-$([guid]::NewGuid()).xml"
        $a = $Emulator.Announced
        $command = "`$env:PSModulePath = '$Modules'; " +
            "& '$Runbook' -SubscriptionId '$Sub' -ArmEndpoint '$($a.endpoint)' -AccessToken '$($a.accessToken)' -TrustedCertificateSha256 '$($a.certificateSha256)' $($Switches -join ' ') | Export-Clixml -Path '$out'"
        $stderr = Join-Path $TestDrive 'runbook-stderr.txt'
        Invoke-TestPwsh -ArgumentList @('-NonInteractive', '-Command', $command) 2>$stderr | Out-Null
        $LASTEXITCODE | Should -Be 0 -Because (Get-Content -Raw $stderr -ErrorAction SilentlyContinue)
        @(Import-Clixml -Path $out)
    }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
}

Describe 'The Azure Automation package' {
    It 'is AzBackupTroubleshoot.zip with the module folder at its root' {
        $Package.Name | Should -Be 'AzBackupTroubleshoot.zip'
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try { $roots = @($zip.Entries.FullName | ForEach-Object { ($_ -split '[/\\]')[0] } | Sort-Object -Unique) }
        finally { $zip.Dispose() }
        $roots | Should -Be @('AzBackupTroubleshoot')
    }

    It 'holds a valid manifest with the source version, and both editions' {
        $manifest = Test-ModuleManifest -Path (Join-Path $Modules 'AzBackupTroubleshoot/AzBackupTroubleshoot.psd1') -ErrorAction Stop
        "$($manifest.Version)" | Should -Be $SourceVersion
        $Package.ModuleVersion | Should -Be $SourceVersion
        Join-Path $Modules 'AzBackupTroubleshoot/bin/Core/AzBackupTroubleshoot.dll' | Should -Exist
        Join-Path $Modules 'AzBackupTroubleshoot/bin/Desktop/AzBackupTroubleshoot.dll' | Should -Exist
        Join-Path $Modules 'AzBackupTroubleshoot/bin/Core/Dependencies/AzBackupTroubleshoot.Engine.dll' | Should -Exist
    }
}

Describe 'The sample runbook under pwsh -NonInteractive' {
    It 'outputs the results as objects, then one summary' {
        $output = Invoke-Runbook
        $results = @($output | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.AzBackupTroubleshoot.PowerShell.Output.BackupCheckResult' })
        $summary = $output[-1]
        $summary.PSObject.TypeNames | Should -Contain 'Deserialized.AzBackupTroubleshoot.RunbookSummary'
        $results.Count | Should -Be ($output.Count - 1)

        $vms = @($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/virtualMachines' -and $_.id -like "/subscriptions/$Sub/*" })
        # Every VM of the subscription, and the VMs a vault still protects that no longer exist.
        $summary.VmsChecked | Should -Be @($results.VmId | Sort-Object -Unique).Count
        $summary.VmsChecked | Should -BeGreaterOrEqual $vms.Count
        # The same scan in this process, as the reference for the summary's count.
        $connection = $Emulator.Connection
        Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
        $expected = @(Test-AzVmBackupReadiness -SubscriptionId $Sub @connection -ErrorAction SilentlyContinue | Where-Object Status -eq 'Fail').Count
        $summary.Failed | Should -Be $expected
        $summary.Failed | Should -BeGreaterThan 0
        $summary.VmsFailing | Should -Contain 'vm-restorepoints-18'
        $summary.RepairsDone | Should -Be 0
        foreach ($id in @($Scenario.resources | Where-Object type -eq 'Microsoft.Compute/restorePointCollections').id) {
            Get-EmulatorResource -Emulator $Emulator -Id $id | Should -Not -BeNullOrEmpty -Because 'without -Repair nothing is changed'
        }
    }

    It 'with -Repair cleans up the full restore point collections without a prompt' {
        $vmId = "/subscriptions/$Sub/resourceGroups/rg-ops-ne/providers/Microsoft.Compute/virtualMachines/vm-restorepoints-18"
        $collections = @($Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/restorePointCollections' -and $_.properties.source.id -eq $vmId }).id
        $collections.Count | Should -BeGreaterThan 0

        $output = Invoke-Runbook -Switches '-Repair'

        $summary = $output[-1]
        $summary.RepairsDone | Should -BeGreaterThan 0
        $summary.RepairsFailed | Should -Be 0
        @($output | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.AzBackupTroubleshoot.PowerShell.Output.BackupRepairRecord' }).Count | Should -BeGreaterThan 0
        foreach ($id in $collections) { Get-EmulatorResource -Emulator $Emulator -Id $id | Should -BeNullOrEmpty }
    }

    It 'with -Repair -JournalPath first resumes the lock journals an earlier, killed job left there' {
        $lock = $Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/locks' -and $_.id -like "/subscriptions/$Sub/*" } | Select-Object -First 1
        $lock | Should -Not -BeNullOrEmpty
        $scope = $lock.id.Substring(0, $lock.id.IndexOf('/providers/Microsoft.Authorization/locks/'))
        $vmId = "/subscriptions/$Sub/resourceGroups/rg-ops-ne/providers/Microsoft.Compute/virtualMachines/vm-restorepoints-18"
        $journalDir = Join-Path $TestDrive 'journal'
        New-Item -ItemType Directory -Path $journalDir | Out-Null
        $journal = Join-Path $journalDir 'earlier-job.journal'
        # As a killed job leaves it: the lock announced as being lifted, never put back.
        $definition = @{ id = $lock.id; scope = $scope; name = $lock.name; level = $lock.properties.level; notes = $lock.properties.notes; owners = @() }
        Set-Content -Path $journal -Value @(
            (@{ e = 'open'; vmId = $vmId } | ConvertTo-Json -Compress),
            (@{ e = 'lifting'; id = $lock.id; lock = $definition } | ConvertTo-Json -Compress -Depth 4))

        $output = Invoke-Runbook -Switches @('-Repair', '-JournalPath', "'$journalDir'")

        $restored = @($output | Where-Object { $_.Action -eq 'RestoreLock' })
        $restored.Count | Should -Be 1
        "$($restored[0].Status)" | Should -Be 'Done'
        $restored[0].Target | Should -Be $lock.id
        $output[-1].RepairsFailed | Should -Be 0
        $journal | Should -Not -Exist
        Get-EmulatorResource -Emulator $Emulator -Id $lock.id | Should -Not -BeNullOrEmpty
    }
}
