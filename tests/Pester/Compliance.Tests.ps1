#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# The compliance pack (Invoke-AzBackupCompliance), the Should -BeBackupReady operator and Export-AzBackupReadinessReport.
# Each compliance run is a real, separate Pester run: it is started in a child pwsh (Pester does not nest inside a
# running test), which writes what it got back as JSON and the test result file for these tests to read.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $ModulePath = Get-TestModuleManifest
    $PesterModule = Join-Path (Split-Path -Parent (Get-Module -Name Pester).Path) 'Pester.psd1'
    $SchemaFolder = Join-Path (Split-Path -Parent $PesterModule) 'schemas'
    Import-Module -Name $ModulePath -Force -ErrorAction Stop
    $Work = Join-Path ([System.IO.Path]::GetTempPath()) "azbt-compliance-$PID"
    New-Item -ItemType Directory -Path $Work -Force | Out-Null

    function New-Result([string] $Vm, [string] $Check, [string] $Status, [string] $Severity) {
        [pscustomobject]@{
            VmId = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/$Vm"
            VmName = $Vm; ResourceGroup = 'rg-app'; SubscriptionId = '11111111-2222-3333-4444-555555555555'
            CheckId = $Check; Title = "$Check title"; Status = $Status; Severity = $Severity
            Codes = @(); Message = "$Vm $Check is $Status"; Remediation = 'Do the thing.'; Evidence = @(); DocPage = "docs/checks/$Check.md"; Language = 'en'
        }
    }

    # vm-a fails a critical check, vm-b passes it, vm-c fails an Info check, vm-d warns on a Warning-severity check,
    # vm-e's check could not decide (Error), vm-f's did not apply.
    $Results = @(
        New-Result 'vm-a' 'Agent.Ready' 'Fail' 'Critical'
        New-Result 'vm-b' 'Agent.Ready' 'Pass' 'Critical'
        New-Result 'vm-c' 'Vm.PowerState' 'Fail' 'Info'
        New-Result 'vm-d' 'Lock.VmResourceGroup' 'Warning' 'Warning'
        New-Result 'vm-e' 'KeyVault.BackupAccess' 'Error' 'Critical'
        New-Result 'vm-f' 'Disks.SupportedSize' 'Skipped' 'Critical'
    )
    $ResultsPath = Join-Path $Work 'results.json'
    $Results | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultsPath

    # Runs Invoke-AzBackupCompliance in a child pwsh on the saved results; returns what it wrote (or the error it stopped with).
    function Invoke-Pack([hashtable] $Configuration, [string[]] $Arguments = @()) {
        $name = [guid]::NewGuid().ToString('n')
        $configPath = ''
        if ($Configuration) {
            $configPath = Join-Path $Work "$name.json"
            $Configuration | ConvertTo-Json -Depth 5 | Set-Content -Path $configPath
        }
        $outPath = Join-Path $Work "$name.out.json"
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$PesterModule'
Import-Module '$ModulePath'
try {
    `$config = '$configPath'
    `$extra = @{}
    $(($Arguments | ForEach-Object { "`$extra += $_" }) -join "`n    ")
    `$pack = @{ Output = 'None' } + `$extra
    if (`$config) { `$pack.ConfigurationPath = `$config }
    `$run = Get-Content -Raw '$ResultsPath' | ConvertFrom-Json | Invoke-AzBackupCompliance @pack
    `$tests = foreach (`$t in `$run.Tests) { @{ Name = `$t.ExpandedName; Result = "`$(`$t.Result)"; Block = `$t.Block.Name; Tags = @(`$t.Tag); Message = "`$(`$t.ErrorRecord)" } }
    @{ Type = `$run.GetType().FullName; Failed = `$run.FailedCount; Passed = `$run.PassedCount; Skipped = `$run.SkippedCount; Inconclusive = `$run.InconclusiveCount; Tests = @(`$tests) } | ConvertTo-Json -Depth 5 | Set-Content '$outPath'
}
catch {
    @{ ErrorId = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Message = `$_.Exception.Message } | ConvertTo-Json | Set-Content '$outPath'
}
"@
        Invoke-TestPwsh -ArgumentList @('-NonInteractive', '-Command', $script) *> (Join-Path $Work "$name.log")
        Get-Content -Raw -Path $outPath | ConvertFrom-Json
    }

    function Test-Xml([string] $Path, [string] $Schema) {
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.ValidationType = 'Schema'
        $null = $settings.Schemas.Add($null, $Schema)
        $errors = [System.Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($s, $e) $errors.Add($e.Message) })
        $reader = [System.Xml.XmlReader]::Create($Path, $settings)
        try { while ($reader.Read()) { } } finally { $reader.Dispose() }
        , $errors
    }
}

AfterAll {
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
    if (-not $env:AZBT_KEEP_TEST_FILES) { Remove-Item -Path $Work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Invoke-AzBackupCompliance' {
    It 'returns Pester''s result: one Describe per check, one It per VM, tagged with id, area and severity' {
        $run = Invoke-Pack
        $run.Type | Should -Be 'Pester.Run'
        $run.Tests.Count | Should -Be 6
        ($run.Tests | Where-Object Name -like 'vm-a*').Block | Should -BeLike 'Agent.Ready: Agent.Ready title `[Critical`]'
        ($run.Tests | Where-Object Name -like 'vm-a*').Tags | Should -Contain 'Agent.Ready'
        ($run.Tests | Where-Object Name -like 'vm-a*').Tags | Should -Contain 'Agent'
        ($run.Tests | Where-Object Name -like 'vm-a*').Tags | Should -Contain 'Critical'
    }

    It 'by default fails every failing severity and the checks that could not decide; warnings pass; skips are skipped' {
        $run = Invoke-Pack
        $byVm = @{}; foreach ($t in $run.Tests) { $byVm[$t.Name.Split(' ')[0]] = $t.Result }
        $byVm['vm-a'] | Should -Be 'Failed'
        $byVm['vm-b'] | Should -Be 'Passed'
        $byVm['vm-c'] | Should -Be 'Failed'
        $byVm['vm-d'] | Should -Be 'Passed'
        $byVm['vm-e'] | Should -Be 'Failed'
        $byVm['vm-f'] | Should -Be 'Skipped'
        $run.Failed | Should -Be 3
        ($run.Tests | Where-Object Name -like 'vm-a*').Message | Should -BeLike '*vm-a Agent.Ready is Fail*'
    }

    It 'fails only the severities the configuration names; other failures are inconclusive' {
        $run = Invoke-Pack @{ failOnSeverity = @('Critical') }
        ($run.Tests | Where-Object Name -like 'vm-c*').Result | Should -Be 'Inconclusive'
        ($run.Tests | Where-Object Name -like 'vm-a*').Result | Should -Be 'Failed'
        $run.Failed | Should -Be 2
    }

    It 'fails a warning when warningAsFailure is set' {
        $run = Invoke-Pack @{ warningAsFailure = $true }
        ($run.Tests | Where-Object Name -like 'vm-d*').Result | Should -Be 'Failed'
    }

    It 'leaves out the checks the configuration excludes' {
        $run = Invoke-Pack @{ excludeChecks = @('Vm.*', 'KeyVault.*') }
        $run.Tests.Name | Should -Not -BeLike 'vm-c*'
        $run.Tests.Count | Should -Be 4
    }

    It 'skips a suppressed finding with its justification (no expiry)' {
        $run = Invoke-Pack @{ suppressions = @(@{ checkId = 'Agent.*'; vm = 'vm-a'; justification = 'Agent replaced in CHG-42' }) }
        $a = $run.Tests | Where-Object Name -like 'vm-a*'
        $a.Result | Should -Be 'Skipped'
        $run.Failed | Should -Be 2
    }

    It 'honours a suppression that has not expired, and one by tag' {
        $until = (Get-Date).AddDays(30).ToString('yyyy-MM-dd')
        $run = Invoke-Pack @{ suppressions = @(
                @{ vm = 'vm-a'; justification = 'accepted until the migration'; expires = $until }
                @{ tag = 'Info'; justification = 'Info findings are tracked elsewhere' }
            ) }
        ($run.Tests | Where-Object Name -like 'vm-a*').Result | Should -Be 'Skipped'
        ($run.Tests | Where-Object Name -like 'vm-c*').Result | Should -Be 'Skipped'
        $run.Failed | Should -Be 1
    }

    It 'stops loudly on an expired suppression' {
        $run = Invoke-Pack @{ suppressions = @(@{ vm = 'vm-a'; justification = 'temporary'; expires = '2020-01-31' }) }
        $run.ErrorId | Should -BeLike 'SuppressionExpired*'
        $run.Category | Should -Be 'InvalidArgument'
        $run.Message | Should -BeLike '*2020-01-31*temporary*'
    }

    It 'refuses a configuration with an unknown setting or a suppression without justification' {
        (Invoke-Pack @{ failOnSeverty = @('Critical') }).ErrorId | Should -BeLike 'InvalidComplianceConfiguration*'
        (Invoke-Pack @{ suppressions = @(@{ vm = 'vm-a' }) }).ErrorId | Should -BeLike 'InvalidComplianceConfiguration*'
    }

    It 'reads a PowerShell data file configuration' {
        $psd1 = Join-Path $Work 'compliance.psd1'
        Set-Content -Path $psd1 -Value "@{ FailOnSeverity = @('Critical'); Suppressions = @(@{ CheckId = 'KeyVault.BackupAccess'; Justification = 'RBAC vault, checked by hand' }) }"
        $run = Invoke-Pack -Arguments @("@{ ConfigurationPath = '$psd1' }")
        ($run.Tests | Where-Object Name -like 'vm-e*').Result | Should -Be 'Skipped'
        $run.Failed | Should -Be 1
    }

    It 'runs only the tests of the tags asked for' {
        $run = Invoke-Pack -Arguments @("@{ Tag = 'Agent' }")
        @($run.Tests | Where-Object Result -ne 'NotRun').Count | Should -Be 2
    }

    It 'writes NUnit XML that Pester''s NUnit 2.5 schema accepts, with one test case per result' {
        $xml = Join-Path $Work 'pack.nunit.xml'
        $null = Invoke-Pack -Arguments @("@{ OutputPath = '$xml'; OutputFormat = 'NUnitXml' }")
        $errors = Test-Xml -Path $xml -Schema (Join-Path $SchemaFolder 'NUnit25/nunit_schema_2.5.xsd')
        $errors | Should -BeNullOrEmpty
        $doc = [xml](Get-Content -Raw -Path $xml)
        @($doc.SelectNodes('//test-case')).Count | Should -Be 6
        @($doc.SelectNodes('//test-case[@result="Failure"]')).Count | Should -Be 3
    }

    It 'writes JUnit XML that the JUnit 4 schema accepts' {
        $xml = Join-Path $Work 'pack.junit.xml'
        $null = Invoke-Pack -Arguments @("@{ OutputPath = '$xml'; OutputFormat = 'JUnitXml' }")
        $errors = Test-Xml -Path $xml -Schema (Join-Path $SchemaFolder 'JUnit4/junit_schema_4.xsd')
        $errors | Should -BeNullOrEmpty
        $doc = [xml](Get-Content -Raw -Path $xml)
        @($doc.SelectNodes('//testcase')).Count | Should -Be 6
        @($doc.SelectNodes('//testcase[failure]')).Count | Should -Be 3
    }
}

Describe 'Should -BeBackupReady' {
    BeforeAll {
        # The operator registers when the module is imported with Pester loaded, as it is here.
        Import-Module -Name $ModulePath -Force -ErrorAction Stop
    }

    It 'passes for results without a failure' {
        { $Results | Where-Object VmName -in 'vm-b', 'vm-d' | Should -BeBackupReady } | Should -Not -Throw
    }

    It 'fails naming the VM, check and message of each failure' {
        $failure = { $Results | Should -BeBackupReady } | Should -Throw -PassThru
        $failure.Exception.Message | Should -BeLike '*vm-a Agent.Ready Fail: vm-a Agent.Ready is Fail*'
        $failure.Exception.Message | Should -BeLike '*vm-e KeyVault.BackupAccess Error*'
    }

    It 'judges only the checks -Check names, and warnings with -FailOnWarning' {
        { $Results | Should -BeBackupReady -Check 'Lock.*', 'Disks.*' } | Should -Not -Throw
        { $Results | Should -BeBackupReady -Check 'Lock.*' -FailOnWarning } | Should -Throw
    }

    It 'supports -Not' {
        { $Results | Where-Object VmName -eq 'vm-a' | Should -Not -BeBackupReady } | Should -Not -Throw
        { $Results | Where-Object VmName -eq 'vm-b' | Should -Not -BeBackupReady } | Should -Throw
    }
}

Describe 'Export-AzBackupReadinessReport' {
    It 'writes each format from piped results, the format taken from the extension' {
        foreach ($ext in 'html', 'md', 'sarif', 'xml', 'csv') {
            $path = Join-Path $Work "report.$ext"
            $file = $Results | Export-AzBackupReadinessReport -Path $path -Force -PassThru
            $file.FullName | Should -Be $path
            (Get-Item -Path $path).Length | Should -BeGreaterThan 100
        }
        (Get-Content -Raw (Join-Path $Work 'report.sarif') | ConvertFrom-Json).runs[0].results.Count | Should -Be 4
        (Import-Csv -Path (Join-Path $Work 'report.csv')).Count | Should -Be 6
    }

    It 'reads back its own CSV (codes and evidence as text) into the same report' {
        $csv = Join-Path $Work 'roundtrip.csv'
        $Results | Export-AzBackupReadinessReport -Path $csv -Force
        $again = Join-Path $Work 'roundtrip-again.csv'
        Import-Csv -Path $csv | Export-AzBackupReadinessReport -Path $again -Force
        Get-Content -Raw $again | Should -Be (Get-Content -Raw $csv)
    }

    It 'writes nothing with -WhatIf, and refuses to replace a file without -Force' {
        $path = Join-Path $Work 'whatif.html'
        $Results | Export-AzBackupReadinessReport -Path $path -WhatIf
        Test-Path -Path $path | Should -BeFalse
        Set-Content -Path $path -Value 'keep me'
        { $Results | Export-AzBackupReadinessReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFileExists*'
        Get-Content -Raw $path | Should -BeLike 'keep me*'
    }

    It 'says which input is not a result and which format it cannot tell' {
        $path = Join-Path $Work 'mixed.html'
        @($Results[0], [pscustomobject]@{ Name = 'not a result' }) | Export-AzBackupReadinessReport -Path $path -Force -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'NotAReadinessResult*'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path -Path $path | Should -BeTrue
        { $Results | Export-AzBackupReadinessReport -Path (Join-Path $Work 'report.docx') -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownReportFormat*'
    }
}
