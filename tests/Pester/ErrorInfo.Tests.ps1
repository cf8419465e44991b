#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Get-AzBackupErrorInfo: offline, no emulator. Expected texts are read from knowledge/*.json, the data the engine embeds.

BeforeAll {
    $RepoRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop

    $Entries = @(Get-ChildItem -Path (Join-Path $RepoRoot 'knowledge') -Filter '*.json' | ForEach-Object { (Get-Content -Raw -Path $_.FullName | ConvertFrom-Json).entries })
    $LimitCode = 'UserErrorRpCollectionLimitReached'
    $LimitEntry = $Entries | Where-Object code -eq $LimitCode
}

AfterAll {
    Remove-Module -Name AzBackupTroubleshoot -ErrorAction SilentlyContinue
}

Describe 'Get-AzBackupErrorInfo -Code' {
    It 'returns the entry for a code' {
        $info = Get-AzBackupErrorInfo -Code $LimitCode -Culture en-US
        $info.GetType().FullName | Should -Be 'AzBackupTroubleshoot.PowerShell.Output.BackupErrorInfo'
        $info.Code | Should -Be $LimitCode
        $info.Area | Should -Be $LimitEntry.area
        $info.Title | Should -Be $LimitEntry.title.en
        $info.Remediation | Should -Be $LimitEntry.remediation.en
        $info.RepairedBy | Should -Be 'Repair-AzRestorePointCollection'
    }

    It 'ignores case and takes codes from the pipeline' {
        @($LimitCode.ToLowerInvariant(), $LimitCode | Get-AzBackupErrorInfo).Code | Should -Be @($LimitCode, $LimitCode)
    }

    It 'gives the Italian title with -Culture it-IT' {
        (Get-AzBackupErrorInfo -Code $LimitCode -Culture it-IT).Title | Should -Be $LimitEntry.title.it
    }

    It 'falls back to English for a culture it has no texts for' {
        (Get-AzBackupErrorInfo -Code $LimitCode -Culture fr-FR).Title | Should -Be $LimitEntry.title.en
    }

    It 'translates its own output when piped back in' {
        (Get-AzBackupErrorInfo -Code $LimitCode -Culture en-US | Get-AzBackupErrorInfo -Culture pt-BR).Title | Should -Be $LimitEntry.title.pt
    }

    It 'reports an unknown code as UnknownErrorCode and still looks up the others' {
        $found = @(Get-AzBackupErrorInfo -Code 'NoSuchCode', $LimitCode -ErrorVariable lookupErrors -ErrorAction SilentlyContinue)
        $found.Code | Should -Be @($LimitCode)
        $lookupErrors.Count | Should -Be 1
        $lookupErrors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownErrorCode*'
        $lookupErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $lookupErrors[0].TargetObject | Should -Be 'NoSuchCode'
    }

    It 'completes codes' {
        $line = 'Get-AzBackupErrorInfo -Code UserErrorRpColl'
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain $LimitCode
    }
}

Describe 'Get-AzBackupErrorInfo -Message' {
    It 'ranks the error first from its Italian text, with the texts in Italian' {
        $italian = @($LimitEntry.messages.it)[0]
        $candidates = @(Get-AzBackupErrorInfo -Message "Dettagli errore: $italian" -Culture it-IT)
        $candidates.Count | Should -BeGreaterThan 0
        $candidates[0].GetType().FullName | Should -Be 'AzBackupTroubleshoot.PowerShell.Output.BackupErrorMatch'
        $candidates[0].Code | Should -Be $LimitCode
        $candidates[0].IsConfident | Should -BeTrue
        $candidates[0].Title | Should -Be $LimitEntry.title.it
        $candidates[0].Error.Remediation | Should -Be $LimitEntry.remediation.it
    }

    It 'writes at most -Top matches' {
        @(Get-AzBackupErrorInfo -Message @($LimitEntry.messages.en)[0] -Top 1).Count | Should -Be 1
    }

    It 'warns and writes nothing for unrelated text' {
        $candidates = @(Get-AzBackupErrorInfo -Message 'Preheat the oven and butter the tin.' -WarningVariable warnings -WarningAction SilentlyContinue)
        $candidates.Count | Should -Be 0
        $warnings.Count | Should -Be 1
    }

    It 'writes the weak candidates with -IncludeWeakMatches' {
        $candidates = @(Get-AzBackupErrorInfo -Message 'Preheat the oven and butter the tin.' -IncludeWeakMatches -Top 2 -WarningAction SilentlyContinue)
        $candidates.Count | Should -BeGreaterThan 0
        $candidates.IsConfident | Should -Not -Contain $true
    }

    It 'prints a table of Score, Code, Area and Title' {
        $text = Get-AzBackupErrorInfo -Message @($LimitEntry.messages.en)[0] | Format-Table | Out-String -Width 120
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('Score', 'Code', 'Area', 'Title')
    }
}
