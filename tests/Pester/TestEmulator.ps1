# Finds the build under test, starts and stops the ARM emulator that the CLI serves (azbt emulator), for the Pester
# tests. Dot-source it in BeforeAll. Each test file starts its own emulator (once per file, not per test), so files
# never see each other's changes.

$script:TestRepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path

# The module as `dotnet build` lays it out, whatever the configuration (both write out/AzBackupTroubleshoot).
function Get-TestModuleManifest {
    $manifest = Join-Path $script:TestRepoRoot 'out/AzBackupTroubleshoot/AzBackupTroubleshoot.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) { throw "No built module at ${manifest}: run dotnet build AzBackupTroubleshoot.sln first." }
    $manifest
}

# The CLI (which serves the emulator) of the configuration that was built: $env:AZBT_TEST_CLI when set, else the
# configuration the runner names ($env:AZBT_TEST_CONFIGURATION), else the most recently built one.
function Get-TestCliPath {
    if ($env:AZBT_TEST_CLI) { return $env:AZBT_TEST_CLI }
    $bin = Join-Path $script:TestRepoRoot 'src/AzBackupTroubleshoot.Cli/bin'
    $builds = @(Get-ChildItem -Path $bin -Filter azbt.dll -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Parent.Parent.FullName -eq (Get-Item $bin).FullName })
    if ($env:AZBT_TEST_CONFIGURATION) { $builds = @($builds | Where-Object { $_.Directory.Parent.Name -eq $env:AZBT_TEST_CONFIGURATION }) }
    $newest = $builds | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $newest) { throw "No built CLI (azbt.dll) under $bin$(if ($env:AZBT_TEST_CONFIGURATION) { " for $env:AZBT_TEST_CONFIGURATION" }): run dotnet build AzBackupTroubleshoot.sln first." }
    $newest.FullName
}

# The repository's own PowerShell, to run a script in a fresh process (e.g. -NonInteractive, as Azure Automation does).
function Invoke-TestPwsh {
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    # Under `dotnet pwsh` the process is dotnet running pwsh.dll; an installed pwsh is its own executable.
    $process = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'pwsh') { & $process -NoProfile @ArgumentList }
    else { & $process (Join-Path $PSHOME 'pwsh.dll') -NoProfile @ArgumentList }
}

function Start-TestEmulator {
    param(
        [Parameter(Mandatory)] [string] $ScenarioPath,
        [string] $CliPath = (Get-TestCliPath),
        # Delay on every answer, for tests that must see a scan take time (progress).
        [int] $LatencyMs = 0,
        # On exit (Stop-TestEmulator), the emulator writes every request it answered here, one JSON line each.
        [string] $RequestLog
    )
    # The emulator prints one JSON line (endpoint, certificate pin, token), then serves until its stdin closes.
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($CliPath, 'emulator', '--scenario', $ScenarioPath)
    if ($LatencyMs -gt 0) { $arguments += @('--latency-ms', "$LatencyMs") }
    if ($RequestLog) { $arguments += @('--request-log', $RequestLog) }
    foreach ($argument in $arguments) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $firstLine = $process.StandardOutput.ReadLineAsync()
    if (-not $firstLine.Wait([TimeSpan]::FromSeconds(60))) { throw 'The emulator did not announce its endpoint within 60 seconds.' }
    $announced = $firstLine.Result | ConvertFrom-Json

    [pscustomobject]@{
        Process    = $process
        Announced  = $announced
        # Splat onto the module's cmdlets.
        Connection = @{
            ArmEndpoint              = $announced.endpoint
            TrustedCertificateSha256 = $announced.certificateSha256
            AccessToken              = $announced.accessToken
        }
    }
}

function Stop-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    $process = $Emulator.Process
    if ($process -and -not $process.HasExited) {
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(10000)) { $process.Kill() }
    }
}

# Reads a resource straight from the emulator, to see what a cmdlet changed. Returns $null when it does not exist.
# -SkipCertificateCheck is for the emulator's throw-away certificate on 127.0.0.1 only.
function Get-EmulatorResource {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Id,
        [string] $Query = ''
    )
    $uri = $Emulator.Announced.endpoint.TrimEnd('/') + $Id + '?api-version=2024-01-01' + $Query
    $headers = @{ Authorization = "Bearer $($Emulator.Announced.accessToken)" }
    try {
        Invoke-RestMethod -Uri $uri -Headers $headers -SkipCertificateCheck -ErrorAction Stop
    }
    catch {
        if ($_.Exception.Response -and [int]$_.Exception.Response.StatusCode -eq 404) { return $null }
        throw
    }
}
