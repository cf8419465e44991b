#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Every example in the cmdlets' help (the MAML the build generates from module/help/*.md, in
# out/AzBackupTroubleshoot/en-US/AzBackupTroubleshoot.dll-Help.xml), run as written against one
# emulator serving scenarios/demo.json, in help order. What stands in for the world outside:
# - connection: $PSDefaultParameterValues gives the module's cmdlets -ArmEndpoint/-AccessToken/-TrustedCertificateSha256
#   of the emulator (the examples rely on the default sign-in, which has no Azure here); an explicit value still wins;
# - placeholders: the help's sample names and ids (subscription 11111111-…, rg-prod, vm-web-01, rsv-prod, $vmId …) are
#   mapped to the demo's, per cmdlet so each example meets the state it is about (a full collection, a running job …);
# - Get-AzVM and Get-AzAccessToken (Az.Compute / Az.Accounts are not installed) are small functions returning the
#   demo's VMs and the emulator's token;
# - prompts: $ConfirmPreference = 'None', as if the user answered Yes.
# The examples that cannot run here are listed in $CannotRun with the reason; each gets a test that the reason holds.

BeforeDiscovery {
    $HelpPath = Join-Path $PSScriptRoot '../../out/AzBackupTroubleshoot/en-US/AzBackupTroubleshoot.dll-Help.xml'
    [xml] $help = Get-Content -Raw -Path $HelpPath
    $ns = @{ command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; dev = 'http://schemas.microsoft.com/maml/dev/2004/10'; maml = 'http://schemas.microsoft.com/maml/2004/10' }
    $CannotRun = @{
        # key: "<cmdlet> #<n>" = the text the example must contain for the reason to hold, and the reason.
        'Test-AzVmBackupReadiness #5'        = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Repair-AzRestorePointCollection #4' = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Repair-AzVmBackupExtension #3'      = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Start-AzVmBackup #3'                = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Get-AzVmBackupFailure #6'           = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Restore-AzBackupLock #3'            = @('-UseManagedIdentity', 'needs a managed identity (Azure Automation, an Azure VM): none exists here')
        'Invoke-AzBackupCompliance #1'       = @('exit 1', 'ends the process with exit 1 when a test fails (a pipeline gate), which would end this test run')
    }
    $Examples = @(Select-Xml -Xml $help -XPath '//command:command' -Namespace $ns | ForEach-Object {
            $command = $_.Node
            $name = $command.details.name.Trim()
            $n = 0
            foreach ($example in $command.examples.example) {
                $n++
                $key = "$name #$n"
                @{ Key = $key; Cmdlet = $name; Number = $n; Code = $example.code; CannotRun = $CannotRun[$key] }
            }
        })
    $Runnable = @($Examples | Where-Object { -not $_.CannotRun })
    $NotRunnable = @($Examples | Where-Object { $_.CannotRun } | ForEach-Object { $_.Needs = $_.CannotRun[0]; $_.Reason = $_.CannotRun[1]; $_ })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Sub = $Scenario.subscriptions[0].subscriptionId
    $Vault = "/subscriptions/$Sub/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-prod-ne"
    function VmId([string] $ResourceGroup, [string] $Name) { "/subscriptions/$Sub/resourceGroups/$ResourceGroup/providers/Microsoft.Compute/virtualMachines/$Name" }

    # Stand-ins for Az.Compute and Az.Accounts.
    function Get-AzVM([string] $ResourceGroupName) {
        $Scenario.resources | Where-Object { $_.type -eq 'Microsoft.Compute/virtualMachines' -and ($_.id -split '/')[4] -eq $ResourceGroupName } |
            ForEach-Object { [pscustomobject]@{ Id = $_.id; Name = $_.name; ResourceGroupName = $ResourceGroupName } }
    }
    function Get-AzAccessToken { [pscustomobject]@{ Token = $Emulator.Announced.accessToken } }

    # The help's sample names, mapped to the demo's (longest first, so a full id maps before its parts).
    $Placeholders = [ordered]@{
        '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupJobs/5ab00002-0000-4000-8000-000000000002' = "$Vault/backupJobs/5ab000c7-0000-4000-8000-0000000000c7"
        '/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod' = '/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-prod-ne'
        '/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01' = '/resourceGroups/rg-web-ne/providers/Microsoft.Compute/virtualMachines/vm-healthy-01'
        '11111111-2222-3333-4444-555555555555' = $Sub
        '/resourceGroups/rg-restore"' = '/resourceGroups/rg-web-ne"'
        "'rg-prod'" = "'rg-web-ne'"
        "'rg-app'" = "'rg-web-ne'"
        "'vm-web-01'" = "'vm-healthy-01'"
        # Report and compliance files: written to (or read from) this run's TestDrive, not the repository.
        './backup-readiness.html' = (Join-Path $TestDrive 'backup-readiness.html')
        './readiness.sarif' = (Join-Path $TestDrive 'readiness.sarif')
        '$env:GITHUB_STEP_SUMMARY' = "'$(Join-Path $TestDrive 'step-summary.md')'"
        './results.csv' = (Join-Path $TestDrive 'results.csv')
        './results.html' = (Join-Path $TestDrive 'results.html')
        './inventory.json' = (Join-Path $TestDrive 'inventory.json')
        './customer-inventory.json' = (Join-Path $TestDrive 'customer-inventory.json')
        './rg-web-ne.json' = (Join-Path $TestDrive 'rg-web-ne.json')
    }
    # Example 3 of Export-AzBackupReadinessReport reads results saved earlier as CSV.
    Test-AzVmBackupReadiness -ResourceId (VmId 'rg-web-ne' 'vm-healthy-01') -ArmEndpoint $Emulator.Announced.endpoint -AccessToken $Emulator.Announced.accessToken -TrustedCertificateSha256 $Emulator.Announced.certificateSha256 |
        Export-AzBackupReadinessReport -Path (Join-Path $TestDrive 'results.csv') -Force
    # Example 7 of Test-AzVmBackupReadiness evaluates an inventory saved earlier (Export-AzBackupInventory's help comes later).
    Export-AzBackupInventory -SubscriptionId $Sub -Path (Join-Path $TestDrive 'customer-inventory.json') -ArmEndpoint $Emulator.Announced.endpoint -AccessToken $Emulator.Announced.accessToken -TrustedCertificateSha256 $Emulator.Announced.certificateSha256
    # Variables the examples use, per cmdlet: a VM in the state the example is about.
    $Variables = @{
        'Test-AzVmBackupReadiness'        = @{ vmId = VmId 'rg-web-ne' 'vm-healthy-01' }
        'Repair-AzRestorePointCollection' = @{ vmId = VmId 'rg-ops-ne' 'vm-restorepoints-18' }
        'Repair-AzVmBackupExtension'      = @{ vmId = VmId 'rg-ops-ne' 'vm-snapshot-failed' }
        'Start-AzVmBackup'                = @{ vmId = VmId 'rg-web-ne' 'vm-healthy-03' }
        'Stop-AzVmBackupJob'              = @{ vmId = VmId 'rg-web-ne' 'vm-healthy-04' }
        'Get-AzBackupErrorInfo'           = @{ vmId = VmId 'rg-ops-ne' 'vm-restorepoints-18' }
        'Get-AzVmBackupFailure'           = @{ }
        'Export-AzBackupReadinessReport'  = @{ sub = $Sub }
        'Invoke-AzBackupCompliance'       = @{ sub = $Sub }
        'Restore-AzBackupLock'            = @{ vmId = VmId 'rg-web-ne' 'vm-healthy-01' }
        'Export-AzBackupInventory'        = @{ sub = $Sub }
        'Test-AzVmRestoreReadiness'       = @{
            vmId = VmId 'rg-web-ne' 'vm-healthy-01'
            targetGroupId = "/subscriptions/$Sub/resourceGroups/rg-web-ne"
            subnetId = "/subscriptions/$Sub/resourceGroups/rg-net-ne/providers/Microsoft.Network/virtualNetworks/vnet-prod-ne/subnets/default"
            protectedItemId = @($Scenario.resources | Where-Object { $_.id -like '*/protectedItems/*;vm-healthy-02' })[0].id
        }
    }
    $subscriptionId = $Sub

    $connection = @{ ArmEndpoint = $Emulator.Announced.endpoint; AccessToken = $Emulator.Announced.accessToken; TrustedCertificateSha256 = $Emulator.Announced.certificateSha256 }
    foreach ($cmdlet in (Get-Command -Module AzBackupTroubleshoot -CommandType Cmdlet)) {
        foreach ($name in $connection.Keys) {
            if ($cmdlet.Parameters.ContainsKey($name)) { $PSDefaultParameterValues["$($cmdlet.Name):$name"] = $connection[$name] }
        }
    }
    $ConfirmPreference = 'None'
    $ProgressPreference = 'SilentlyContinue'
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    $PSDefaultParameterValues.Clear()
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Help examples' {
    It '<Key> runs as written' -ForEach $Runnable {
        $code = $Code
        foreach ($placeholder in $Placeholders.Keys) { $code = $code.Replace($placeholder, $Placeholders[$placeholder]) }
        foreach ($variable in $Variables[$Cmdlet].GetEnumerator()) { Set-Variable -Name $variable.Key -Value $variable.Value }
        Push-Location $TestRepoRoot
        try {
            $output = @(. ([scriptblock]::Create($code)) 2>&1 6>$null)
        }
        finally { Pop-Location }
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
    }

    It '<Key> cannot run here: <Reason>' -ForEach $NotRunnable {
        $Code | Should -BeLike "*$Needs*"
    }
}

Describe 'Help written once' {
    BeforeDiscovery {
        # The shared parameter texts of module/help/_common-parameters.md, and for each the cmdlets that take the
        # parameter without documenting it themselves: Get-Help must show them the shared text.
        $HelpSource = Join-Path $PSScriptRoot '../../module/help'
        function Sections([string] $Path) {
            $text = (Get-Content -Raw -Path $Path) -replace "`r", ''
            $parameters = ($text -split '(?m)^## PARAMETERS\s*$', 2)[1] -split '(?m)^## ' | Select-Object -First 1
            foreach ($part in ($parameters -split '(?m)^### -' | Select-Object -Skip 1)) {
                $name, $body = $part -split "`n", 2
                $paras = @(($body -replace '(?s)```.*?```', '') -split "`n\s*`n" | ForEach-Object { ($_ -split "`n" | ForEach-Object Trim | Where-Object { $_ }) -join ' ' } | Where-Object { $_ })
                @{ Name = $name.Trim(); Text = $paras -join "`n" }
            }
        }
        $Shared = @(Sections (Join-Path $HelpSource '_common-parameters.md'))
        $SharedUses = foreach ($file in (Get-ChildItem -Path $HelpSource -Filter '*-*.md' | Where-Object Name -NotLike '_*')) {
            $own = @(Sections $file.FullName | ForEach-Object Name)
            # The cmdlet's parameters, as the generated help lists them (taken from the cmdlet assembly).
            $has = @(($help.helpItems.command | Where-Object { $_.details.name -eq $file.BaseName }).parameters.parameter.name)
            foreach ($parameter in $Shared) {
                if ($parameter.Name -notin $own -and $parameter.Name -in $has) { @{ Cmdlet = $file.BaseName; Parameter = $parameter.Name; Text = $parameter.Text } }
            }
        }
        $SharedUses = @($SharedUses)
    }

    It 'Get-Help <Cmdlet> -Parameter <Parameter> shows the shared text' -ForEach $SharedUses {
        (Get-Command -Name $Cmdlet -Module AzBackupTroubleshoot).Parameters.Keys | Should -Contain $Parameter
        $help = Get-Help -Name $Cmdlet -Parameter $Parameter
        (@($help.description | ForEach-Object Text) -join "`n").Trim() | Should -BeExactly $Text
    }

    # A default the markdown states (```yaml Default value:) is the property's initial value whenever the cmdlet has one;
    # a property that starts with a value is never shown as None. Time-dependent values (a DateTime) are described instead.
    It 'the help of <Cmdlet> shows the initial values of its parameters as their defaults' -ForEach @($help.helpItems.command | ForEach-Object {
            $defaults = @{}
            foreach ($parameter in $_.parameters.parameter) { $defaults[$parameter.name] = $parameter.defaultValue }
            @{ Cmdlet = $_.details.name.Trim(); Defaults = $defaults }
        }) {
        $instance = [Activator]::CreateInstance((Get-Command -Name $Cmdlet -Module AzBackupTroubleshoot).ImplementingType)
        $wrong = foreach ($name in $Defaults.Keys | Where-Object { $_ -notin 'WhatIf', 'Confirm' }) {
            $value = $instance.$name
            if ($null -eq $value -or $value -is [array] -or $value -is [datetime]) { continue }
            $expected = if ($value -is [System.Management.Automation.SwitchParameter]) { "$($value.IsPresent)" } else { [string] $value }
            if ($expected -ne '' -and $Defaults[$name] -ne $expected) { "-${name}: the help says '$($Defaults[$name])', the cmdlet starts with '$expected'" }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It 'the connection texts are shared by <Count> cmdlets' -ForEach @{ Count = @($SharedUses | Where-Object Parameter -eq 'AccessToken').Count } {
        $Count | Should -BeGreaterThan 5
    }
}

Describe 'about_AzBackupTroubleshoot' {
    It 'is served by Get-Help in <_>' -ForEach @('en-US', 'it-IT', 'pt-BR') {
        $culture = $_
        $topic = Join-Path (Split-Path (Get-TestModuleManifest)) "$culture/about_AzBackupTroubleshoot.help.txt"
        $topic | Should -Exist
        $text = Get-Content -Raw -Path $topic
        $text | Should -Match 'about_AzBackupTroubleshoot'
        # Get-Help reads the topic of the session's UI culture; run it in a fresh pwsh with that culture.
        $shown = Invoke-TestPwsh -ArgumentList @('-NonInteractive', '-Command',
            "[System.Threading.Thread]::CurrentThread.CurrentUICulture = '$culture'; [cultureinfo]::CurrentUICulture = '$culture'; Import-Module '$(Get-TestModuleManifest)'; Get-Help about_AzBackupTroubleshoot | Out-String -Width 200")
        ($shown -join "`n") | Should -Match ([regex]::Escape(($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -Skip 3 -First 1).Trim()))
    }
}
