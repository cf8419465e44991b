#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every *.Tests.ps1 under tests/Pester with the Pester the repository pins, and prints "PESTER <passed> <failed>".
.DESCRIPTION
    Run it with the repository's own PowerShell (`dotnet tool restore`, then `dotnet pwsh`) after Pester has been laid
    out in out/pwsh-modules (tests/Pester/Restore/Pester.restore.proj). tests/run.sh and build.ps1 -Task Pester both
    call it; see tests/Pester/README.md. Exits 0 only when nothing failed: a failed test, a failed BeforeAll/AfterAll
    block or a test file that could not even be loaded all count as failures.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuites.ps1 -Path tests/Pester/Formatting.Tests.ps1
#>
param(
    # Test files or folders; every *.Tests.ps1 under tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot),
    # The configuration that was built (Debug or Release); the tests start that build of the CLI's emulator.
    [string] $Configuration = $(if ($env:AZBT_TEST_CONFIGURATION) { $env:AZBT_TEST_CONFIGURATION } else { 'Debug' }),
    # Where the NUnit XML report goes.
    [string] $ResultsDirectory = (Join-Path $PSScriptRoot '../../out/test-results'),
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Detailed'
)

$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
$pesterVersion = '5.9.1'

# Pester comes from NuGet into out/pwsh-modules; it goes first on PSModulePath so no other installed Pester is used.
$modulesDir = Join-Path $repoRoot 'out/pwsh-modules'
# Lock journals of the repairs the suites run go to a folder of this run, not the user's (tests/run.sh sets one too).
if (-not $env:AZBT_JOURNAL_DIR) {
    $env:AZBT_JOURNAL_DIR = Join-Path $repoRoot "out/test-journal/pester-$PID"
    New-Item -ItemType Directory -Path $env:AZBT_JOURNAL_DIR -Force | Out-Null
}
$env:PSModulePath = $modulesDir + [System.IO.Path]::PathSeparator + $env:PSModulePath
try {
    Import-Module -Name Pester -RequiredVersion $pesterVersion -ErrorAction Stop
}
catch {
    Write-Host "Pester $pesterVersion is not in $modulesDir ($($_.Exception.Message))."
    Write-Host 'Lay it out with: dotnet msbuild tests/Pester/Restore/Pester.restore.proj -restore -t:LayOutPester'
    'PESTER 0 1'
    exit 1
}

# The tests find the build through these (TestEmulator.ps1: Get-TestCliPath), so a Release build is tested as well.
$env:AZBT_TEST_CONFIGURATION = $Configuration
# The repair cmdlets keep lock journals in a per-user folder and refuse a VM whose journal another process holds; a
# run of its own keeps two test runs on one machine (or a real repair) from refusing each other's demo VMs.
$ownJournalDir = $null
if (-not $env:AZBT_JOURNAL_DIR) {
    $env:AZBT_JOURNAL_DIR = $ownJournalDir = Join-Path ([System.IO.Path]::GetTempPath()) ("azbt-pester-journal-" + [guid]::NewGuid().ToString('n'))
}
if ($env:CI) { $PSStyle.OutputRendering = "PlainText" }   # CI logs are files, not terminals

New-Item -ItemType Directory -Force -Path $ResultsDirectory | Out-Null
$pesterConfig = New-PesterConfiguration
# `-File` hands "a,b" over as one string: accept a comma-separated list as well.
$pesterConfig.Run.Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
foreach ($missing in $pesterConfig.Run.Path.Value | Where-Object { -not (Test-Path -Path $_) }) {
    Write-Host "No such test file or folder: $missing"
    'PESTER 0 1'
    exit 1
}
$pesterConfig.Run.PassThru = $true
$pesterConfig.Output.Verbosity = $Output
$pesterConfig.TestResult.Enabled = $true
$pesterConfig.TestResult.OutputFormat = 'NUnitXml'
$pesterConfig.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester.xml'

$result = $null
try { $result = Invoke-Pester -Configuration $pesterConfig }
catch { Write-Host "Pester stopped: $($_.Exception.Message)" }
if ($null -eq $result) {
    Write-Host 'Pester returned no result (see the error above).'
    'PESTER 0 1'
    exit 1
}

# A failed BeforeAll marks its tests failed. A file that failed with none of its tests counted as failed (it did not
# load, or only its AfterAll failed) counts once more, and so does a failed block when no test failed at all.
$failed = $result.FailedCount
foreach ($container in $result.Containers | Where-Object Result -eq 'Failed') {
    if ($container.ErrorRecord) { Write-Host "FAILED in $($container.Item): $($container.ErrorRecord[0])" }
    if ($container.FailedCount -eq 0) { $failed += 1 }
}
if ($failed -eq 0) { $failed += $result.FailedBlocksCount }
if ($result.SkippedCount -gt 0 -or $result.NotRunCount -gt 0) {
    Write-Host "Pester: $($result.SkippedCount) skipped, $($result.NotRunCount) not run:"
    $result.Skipped + $result.NotRun | ForEach-Object { Write-Host "  $($_.ExpandedPath)" }
}
if ($result.TotalCount -eq 0 -and $failed -eq 0) { Write-Host 'Pester ran no test.'; $failed = 1 }
"PESTER $($result.PassedCount) $failed"
if ($ownJournalDir) { Remove-Item -LiteralPath $ownJournalDir -Recurse -Force -ErrorAction SilentlyContinue }
exit ([int]($failed -ne 0))
