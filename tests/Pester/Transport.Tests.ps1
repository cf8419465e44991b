#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# A broken network under the cmdlets: each fault is one terminating ErrorRecord with the transport's id and category,
# within seconds (the retry budget: at most one retry for a request that got no answer), and never a stack trace.
# A vault that does not exist is ObjectNotFound, not "no failed job".

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $script:TestRepoRoot 'scenarios/demo.json'
    $SubscriptionId = @((Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json).subscriptions)[0].subscriptionId
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath
    $Connection = $Emulator.Connection

    # A port that was free a moment ago and has nobody listening: connecting is refused.
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $RefusedEndpoint = "https://127.0.0.1:$($probe.LocalEndpoint.Port)/"
    $probe.Stop()

    # Runs a cmdlet that must stop; returns the ErrorRecord and how long it took.
    function Invoke-Failing([scriptblock] $Command) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $record = $null
        try { & $Command | Out-Null } catch { $record = $_ }
        [pscustomobject]@{ Record = $record; Seconds = $clock.Elapsed.TotalSeconds }
    }

    function Assert-OneLine($Record) {
        $Record.Exception.Message | Should -Not -Match '\r|\n'
        $Record.Exception.Message | Should -Not -Match '   at |Exception'
    }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'A refused connection' {
    It '<Name> stops with ConnectionRefused / ConnectionError within 15 seconds' -ForEach @(
        @{ Name = 'Test-AzVmBackupReadiness'; Command = { Test-AzVmBackupReadiness -ArmEndpoint $RefusedEndpoint -AccessToken 'test-token' -SubscriptionId $SubscriptionId -ErrorAction Stop } }
        @{ Name = 'Get-AzVmBackupFailure'; Command = { Get-AzVmBackupFailure -ArmEndpoint $RefusedEndpoint -AccessToken 'test-token' -SubscriptionId $SubscriptionId -ErrorAction Stop } }
    ) {
        $run = Invoke-Failing $Command
        $run.Record | Should -Not -BeNullOrEmpty
        $run.Record.FullyQualifiedErrorId | Should -BeLike 'ConnectionRefused,*'
        $run.Record.CategoryInfo.Category | Should -Be 'ConnectionError'
        Assert-OneLine $run.Record
        $run.Seconds | Should -BeLessThan 15
    }
}

Describe 'The retry budget' {
    It 'a server that never answers stops with Timeout after -NetworkTimeoutSec, -ConnectionRetries 0 trying once' {
        # A listener that never accepts: the TCP handshake completes in the backlog, TLS never does.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $endpoint = "https://127.0.0.1:$($silent.LocalEndpoint.Port)/"
            $run = Invoke-Failing { Test-AzVmBackupReadiness -ArmEndpoint $endpoint -AccessToken 'test-token' -SubscriptionId $SubscriptionId -NetworkTimeoutSec 1 -ConnectionRetries 0 -ErrorAction Stop }
        }
        finally { $silent.Stop() }
        $run.Record.FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        $run.Record.CategoryInfo.Category | Should -Be 'ConnectionError'
        Assert-OneLine $run.Record
        $run.Seconds | Should -BeLessThan 10
    }
}

Describe 'A certificate that is not the pinned one' {
    It 'stops with CertificatePinMismatch / ConnectionError' {
        $wrongPin = @{} + $Connection
        $wrongPin.TrustedCertificateSha256 = 'AB' * 32
        $run = Invoke-Failing { Test-AzVmBackupReadiness @wrongPin -SubscriptionId $SubscriptionId -ErrorAction Stop }
        $run.Record.FullyQualifiedErrorId | Should -BeLike 'CertificatePinMismatch,*'
        $run.Record.CategoryInfo.Category | Should -Be 'ConnectionError'
        Assert-OneLine $run.Record
        $run.Seconds | Should -BeLessThan 15
    }
}

Describe 'A token with a line break' {
    It 'is refused as InvalidAccessToken / AuthenticationError without echoing it' {
        $bad = @{} + $Connection
        $bad.AccessToken = "zqxtoken`r`nX-Injected: yes"
        $run = Invoke-Failing { Test-AzVmBackupReadiness @bad -SubscriptionId $SubscriptionId -ErrorAction Stop }
        $run.Record.FullyQualifiedErrorId | Should -BeLike 'InvalidAccessToken,*'
        $run.Record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $run.Record.Exception.Message | Should -Not -Match 'zqx|X-Injected'
        Assert-OneLine $run.Record
    }
}

Describe 'Get-AzVmBackupFailure -VaultId of a vault that does not exist' {
    It 'is ObjectNotFound, not an empty success' {
        $missing = "/subscriptions/$SubscriptionId/resourceGroups/rg-nowhere/providers/Microsoft.RecoveryServices/vaults/rsv-nowhere"
        $found = $null
        $run = Invoke-Failing { $script:found = Get-AzVmBackupFailure @Connection -VaultId $missing -ErrorAction Stop }
        $run.Record | Should -Not -BeNullOrEmpty
        $run.Record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Record.TargetObject | Should -Be $missing
        Assert-OneLine $run.Record
    }
}
