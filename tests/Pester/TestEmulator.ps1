# Starts and stops the ARM emulator that the CLI serves (azbt emulator), for the Pester tests. Dot-source it in BeforeAll.
# Each test file that changes state starts its own emulator, so files never see each other's changes.

function Start-TestEmulator {
    param(
        [Parameter(Mandatory)] [string] $CliPath,
        [Parameter(Mandatory)] [string] $ScenarioPath
    )
    # The emulator prints one JSON line (endpoint, certificate pin, token), then serves until its stdin closes.
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($CliPath, 'emulator', '--scenario', $ScenarioPath)) { $startInfo.ArgumentList.Add($argument) }
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
