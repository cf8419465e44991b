#Requires -Version 5.1
<#
.SYNOPSIS
    Builds and tests AzBackupTroubleshoot: a thin wrapper over dotnet and Pester (both installed by dotnet itself).
.EXAMPLE
    ./build.ps1                 # build the solution; the module lands in out/AzBackupTroubleshoot
.EXAMPLE
    ./build.ps1 -Task All       # build, dotnet test, then the Pester tests of the module
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release   # out/package/AzBackupTroubleshoot.zip for Azure Automation
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'All')]
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
    # The same PowerShell and Pester as tests/run.sh and CI: PowerShell 7.6.9 as a local .NET tool
    # (.config/dotnet-tools.json) and Pester 5.9.1 from NuGet laid out in out/pwsh-modules. See tests/Pester/README.md.
    Push-Location $PSScriptRoot
    try {
        Invoke-Dotnet tool restore
        Invoke-Dotnet msbuild (Join-Path $PSScriptRoot 'tests/Pester/Restore/Pester.restore.proj') -restore -t:LayOutPester -nologo -v:minimal
        # A fresh pwsh, so the module is never loaded into the session running this script.
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuites.ps1') -Configuration $Configuration
        if ($LASTEXITCODE -ne 0) { throw 'Pester: some tests failed (see the PESTER line above).' }
    }
    finally { Pop-Location }
}

function Invoke-Package {
    # The zip Azure Automation imports (module folder at its root); the same script the Pester tests run.
    & (Join-Path $PSScriptRoot 'tools/New-AutomationPackage.ps1')
}

switch ($Task) {
    'Build'  { Invoke-Build }
    'Test'   { Invoke-Build; Invoke-Test }
    'Pester' { Invoke-Build; Invoke-PesterTests }
    'Package' { Invoke-Build; Invoke-Package }
    'All'    { Invoke-Build; Invoke-Test; Invoke-PesterTests }
}
