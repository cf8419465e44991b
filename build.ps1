#Requires -Version 5.1
<#
.SYNOPSIS
    Builds and tests AzBackupTroubleshoot: a thin wrapper over dotnet (and Pester when it is there).
.EXAMPLE
    ./build.ps1                 # build the solution; the module lands in out/AzBackupTroubleshoot
.EXAMPLE
    ./build.ps1 -Task All       # build, dotnet test, then the Pester tests of the module
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'All')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$solution = Join-Path $PSScriptRoot 'AzBackupTroubleshoot.sln'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module ready to import: $(Join-Path $PSScriptRoot 'out/AzBackupTroubleshoot')"
}

function Invoke-Test {
    Invoke-Dotnet test $solution --configuration $Configuration --no-build
}

function Invoke-PesterTests {
    # The Pester tests start the emulator from the CLI's Debug build and load PowerShell 7 builds of the module.
    $pwsh = Get-Command -Name pwsh -ErrorAction SilentlyContinue
    if (-not $pwsh) { Write-Warning 'pwsh (PowerShell 7.4+) is not installed: Pester tests skipped.'; return }
    $pesterFound = & $pwsh.Source -NoProfile -Command "[bool](Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')"
    if ($pesterFound -ne 'True') { Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0): Pester tests skipped.'; return }
    $tests = Join-Path $PSScriptRoot 'tests/Pester'
    # A fresh pwsh, so the module is never loaded into the session running this script.
    & $pwsh.Source -NoProfile -Command "`$result = Invoke-Pester -Path '$tests' -Output Detailed -PassThru; exit `$result.FailedCount"
    if ($LASTEXITCODE -ne 0) { throw "Pester: $LASTEXITCODE test(s) failed." }
}

switch ($Task) {
    'Build'  { Invoke-Build }
    'Test'   { Invoke-Build; Invoke-Test }
    'Pester' { Invoke-Build; Invoke-PesterTests }
    'All'    { Invoke-Build; Invoke-Test; Invoke-PesterTests }
}
