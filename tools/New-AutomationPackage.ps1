#Requires -Version 7.4
<#
.SYNOPSIS
    Zips the built module (out/AzBackupTroubleshoot) the way Azure Automation imports it.
.DESCRIPTION
    Azure Automation takes a .zip named after the module whose root holds the module folder; the folder holds the
    manifest, whose ModuleVersion is the version Automation shows. This writes out/package/AzBackupTroubleshoot.zip
    (both editions: bin/Core for the PowerShell 7.x runtime, bin/Desktop for the 5.1 runtime) and returns the zip's
    FileInfo with the version as a note. Needs only PowerShell and the build output (no azbt, no network).
    build.ps1 -Task Package calls it after a build; tests/Pester/Package.Tests.ps1 runs it and imports the result.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/New-AutomationPackage.ps1
#>
param(
    # The built module folder.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/AzBackupTroubleshoot'),
    # Where the zip goes.
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../out/package')
)

$ErrorActionPreference = 'Stop'
$moduleName = 'AzBackupTroubleshoot'
$ModulePath = (Resolve-Path -Path $ModulePath).Path
$manifestPath = Join-Path $ModulePath "$moduleName.psd1"
if (-not (Test-Path -LiteralPath $manifestPath)) { throw "No built module at ${ModulePath}: run dotnet build AzBackupTroubleshoot.sln first." }
foreach ($edition in 'Core', 'Desktop') {
    if (-not (Test-Path -LiteralPath (Join-Path $ModulePath "bin/$edition/$moduleName.dll"))) { throw "The $edition edition is not built ($ModulePath/bin/$edition)." }
}
$version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion

# Stage the folder under its module name, so the zip's root entry is AzBackupTroubleshoot/.
New-Item -ItemType Directory -Force -Path $OutputDirectory | Out-Null
$staging = Join-Path ([System.IO.Path]::GetTempPath()) "azbt-package-$PID"
Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Path $staging | Out-Null
try {
    Copy-Item -LiteralPath $ModulePath -Destination (Join-Path $staging $moduleName) -Recurse
    $zip = Join-Path (Resolve-Path $OutputDirectory).Path "$moduleName.zip"
    Remove-Item -LiteralPath $zip -Force -ErrorAction SilentlyContinue
    [System.IO.Compression.ZipFile]::CreateFromDirectory((Join-Path $staging $moduleName), $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
}
finally {
    Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host "Azure Automation package: $zip ($moduleName $version)"
Get-Item -LiteralPath $zip | Add-Member -NotePropertyName ModuleVersion -NotePropertyValue $version -PassThru
