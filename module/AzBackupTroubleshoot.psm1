# Loads the cmdlet assembly built for this PowerShell: bin/Core (net8.0, PowerShell 7.4+) or
# bin/Desktop (netstandard2.0, Windows PowerShell 5.1). The engine and the Azure SDK stay in
# bin/<edition>/Dependencies; the cmdlet assembly loads them in isolation (see docs/module.md).

$edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }

# PowerShell 7.0-7.3 run on .NET older than 8 and cannot load the net8.0 build.
if ($edition -eq 'Core' -and $PSVersionTable.PSVersion -lt [version]'7.4') {
    throw "AzBackupTroubleshoot needs PowerShell 7.4 or later (this is $($PSVersionTable.PSVersion)), or Windows PowerShell 5.1."
}

$assembly = Join-Path -Path $PSScriptRoot -ChildPath "bin/$edition/AzBackupTroubleshoot.dll"
Import-Module -Name $assembly -ErrorAction Stop

# Should -BeBackupReady, for hand-written Pester tests: registered when Pester 5 is loaded (as it is inside a
# Pester run that imports this module), so importing the module never loads Pester by itself.
$pester = Get-Module -Name Pester | Where-Object { $_.Version -ge [version]'5.0' }
if ($pester -and (Get-Command -Name Add-ShouldOperator -Module Pester -ErrorAction Ignore)) {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Compliance/BeBackupReady.ps1')
}

# The manifest's CmdletsToExport decides what the user sees.
Export-ModuleMember -Cmdlet '*'
