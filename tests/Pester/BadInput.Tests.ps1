#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.9.1' }

# Bad input to every cmdlet, as a table: malformed ids, path traversal, query strings, unicode, control characters,
# very long values, empty values, wrong types and conflicting parameters. Each case must end in exactly the ErrorRecord
# the table names: its FullyQualifiedErrorId starts with the id, its category, its TargetObject, a message of one line
# with no stack frame and no exception type name, and (for the module's own records) an exception that was never thrown
# (no stack trace) and a CategoryInfo.Reason that is the id, not a type name. And nothing may reach ARM: the emulator
# writes its request log on exit, each case is preceded by a marker request, and the last test reads the log back and
# counts the requests between markers (a valid run at the end shows that the counting sees requests).

BeforeDiscovery {
    # Run and Target are PowerShell text, made into script blocks inside the test, where $Sub, $Vm, $C ... exist.
    # Target $null: not checked (PowerShell's own parameter binding errors name no target of ours).
    $Cases = @(
        # Test-AzVmBackupReadiness
        @{ Name = 'readiness: a bare VM name'; Run = 'Test-AzVmBackupReadiness -ResourceId vm1 @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'vm1'" }
        @{ Name = 'readiness: a ".." group (path traversal)'; Run = 'Test-AzVmBackupReadiness -ResourceId $Traversal @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '$Traversal' }
        @{ Name = 'readiness: "/../../" after the VM name'; Run = 'Test-AzVmBackupReadiness -ResourceId "$Vm/../../../x" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm/../../../x"' }
        @{ Name = 'readiness: a query string'; Run = 'Test-AzVmBackupReadiness -ResourceId "${Vm}?api-version=2020-01-01" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"${Vm}?api-version=2020-01-01"' }
        @{ Name = 'readiness: a fragment'; Run = 'Test-AzVmBackupReadiness -ResourceId "$Vm#x" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm#x"' }
        @{ Name = 'readiness: percent-escaped dots'; Run = 'Test-AzVmBackupReadiness -ResourceId ($Vm -replace "rg-web-ne", "%2e%2e") @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '($Vm -replace "rg-web-ne", "%2e%2e")' }
        @{ Name = 'readiness: a 5000-character name'; Run = 'Test-AzVmBackupReadiness -ResourceId "$VmPrefix$Long" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$VmPrefix$Long"' }
        @{ Name = 'readiness: a zero-width space in the name'; Run = 'Test-AzVmBackupReadiness -ResourceId "$Vm$([char]0x200B)" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm$([char]0x200B)"' }
        @{ Name = 'readiness: a CR/LF header injection'; Run = 'Test-AzVmBackupReadiness -ResourceId "$Vm`r`nX-Injected: 1" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm`r`nX-Injected: 1"' }
        @{ Name = 'readiness: a storage account id'; Run = 'Test-AzVmBackupReadiness -ResourceId "/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/vm" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/vm"' }
        @{ Name = 'readiness: a URL instead of an id'; Run = 'Test-AzVmBackupReadiness -ResourceId "https://management.azure.com$Vm" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"https://management.azure.com$Vm"' }
        @{ Name = 'readiness: a blank id'; Run = 'Test-AzVmBackupReadiness -ResourceId " " @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '" "' }
        @{ Name = 'readiness: an empty id'; Run = 'Test-AzVmBackupReadiness -ResourceId "" @C'; Id = 'ParameterArgumentValidationErrorEmptyStringNotAllowed'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'readiness: a subscription of 36 dashes'; Run = 'Test-AzVmBackupReadiness -SubscriptionId ("-" * 36) @C'; Id = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Target = '("-" * 36)' }
        @{ Name = 'readiness: a subscription in full-width digits'; Run = 'Test-AzVmBackupReadiness -SubscriptionId "$(([string][char]0xFF11) * 8)-1111-1111-1111-111111111111" @C'; Id = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Target = '"$(([string][char]0xFF11) * 8)-1111-1111-1111-111111111111"' }
        @{ Name = 'readiness: a subscription in braces'; Run = 'Test-AzVmBackupReadiness -SubscriptionId "{$Sub}" @C'; Id = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Target = '"{$Sub}"' }
        @{ Name = 'readiness: a resource group ".."'; Run = 'Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName ".." @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '".."' }
        @{ Name = 'readiness: a resource group with a slash'; Run = 'Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName "rg/x" @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '"rg/x"' }
        @{ Name = 'readiness: a resource group ending in "."'; Run = 'Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName "rg." @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '"rg."' }
        @{ Name = 'readiness: a 91-character resource group'; Run = 'Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName ("r" * 91) @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '("r" * 91)' }
        @{ Name = 'readiness: an emoji in the resource group'; Run = 'Test-AzVmBackupReadiness -SubscriptionId $Sub -ResourceGroupName "rg-$([char]::ConvertFromUtf32(0x1F600))" @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '"rg-$([char]::ConvertFromUtf32(0x1F600))"' }
        @{ Name = 'readiness: a check that does not exist'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -Check No.Such.Check @C'; Id = 'UnknownCheck'; Category = 'InvalidArgument'; Target = "'No.Such.Check'" }
        @{ Name = 'readiness: an unknown cloud'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -Environment Mars'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'readiness: a token and a managed identity'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -UseManagedIdentity @C'; Id = 'InvalidConnectionParameters'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'readiness: a pinned certificate for a real cloud'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -ArmEndpoint https://management.azure.com/ -TrustedCertificateSha256 ("A" * 64) -AccessToken t'; Id = 'InvalidConnectionParameters'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'readiness: a VM id and a subscription (two parameter sets)'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -SubscriptionId $Sub @C'; Id = 'AmbiguousParameterSet'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'readiness: a Backup object id that is not a GUID'; Run = 'Test-AzVmBackupReadiness -ResourceId $Vm -BackupServiceObjectId svc @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }

        # Get-AzVmBackupFailure
        @{ Name = 'failures: a vault named ".."'; Run = 'Get-AzVmBackupFailure -VaultId "/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/.." @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/.."' }
        @{ Name = 'failures: "/../.." after the vault'; Run = 'Get-AzVmBackupFailure -VaultId "$Vault/../.." @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'failures: a vault in group ".."'; Run = 'Get-AzVmBackupFailure -VaultId "/subscriptions/$Sub/resourceGroups/../providers/Microsoft.RecoveryServices/vaults/v" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/../providers/Microsoft.RecoveryServices/vaults/v"' }
        @{ Name = 'failures: a vault with a query string'; Run = 'Get-AzVmBackupFailure -VaultId "${Vault}?x=1" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"${Vault}?x=1"' }
        @{ Name = 'failures: a VM id as the vault'; Run = 'Get-AzVmBackupFailure -VaultId $Vm @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'failures: a malformed VM id'; Run = 'Get-AzVmBackupFailure -ResourceId "../.." @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'../..'" }
        @{ Name = 'failures: a subscription that is not a GUID'; Run = 'Get-AzVmBackupFailure -SubscriptionId not-a-guid @C'; Id = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Target = "'not-a-guid'" }
        @{ Name = 'failures: a resource group "."'; Run = 'Get-AzVmBackupFailure -SubscriptionId $Sub -ResourceGroupName "." @C'; Id = 'InvalidResourceGroupName'; Category = 'InvalidArgument'; Target = '"."' }
        @{ Name = 'failures: a vault and a VM (two parameter sets)'; Run = 'Get-AzVmBackupFailure -VaultId $Vault -ResourceId $Vm @C'; Id = 'AmbiguousParameterSet'; Category = 'InvalidArgument'; Target = $null }

        # Test-AzVmRestoreReadiness
        @{ Name = 'restore: a target group ".."'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId "/subscriptions/$Sub/resourceGroups/.." @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/.."' }
        @{ Name = 'restore: a target group by name only'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId rg-restore @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'rg-restore'" }
        @{ Name = 'restore: "/../x" after the target group'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId "$TargetGroup/../x" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$TargetGroup/../x"' }
        @{ Name = 'restore: a storage account in upper case'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -StorageAccountId "/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/UPPER" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/UPPER"' }
        @{ Name = 'restore: a subnet id without the subnet'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -SubnetId "/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v" @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/$Sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"' }
        @{ Name = 'restore: a protected item "../.."'; Run = 'Test-AzVmRestoreReadiness -ProtectedItemId "../.." -TargetResourceGroupId $TargetGroup @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'../..'" }
        @{ Name = 'restore: a vault "../.."'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -VaultId "../.." @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'../..'" }
        @{ Name = 'restore: a VM name "-bad-"'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -TargetVmName "-bad-" @C'; Id = 'InvalidRestoreRequest'; Category = 'InvalidArgument'; Target = "'-bad-'" }
        @{ Name = 'restore: a 5000-character VM name'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -TargetVmName $Long @C'; Id = 'InvalidRestoreRequest'; Category = 'InvalidArgument'; Target = '$Long' }
        @{ Name = 'restore: a DNS label in upper case'; Run = 'Test-AzVmRestoreReadiness -ResourceId $Vm -TargetResourceGroupId $TargetGroup -DnsLabel Has_Upper @C'; Id = 'InvalidRestoreRequest'; Category = 'InvalidArgument'; Target = "'Has_Upper'" }

        # Repair-AzRestorePointCollection, Repair-AzVmBackupExtension, Start-AzVmBackup
        @{ Name = 'repair restore points: "../.."'; Run = 'Repair-AzRestorePointCollection -ResourceId "../.." -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'../..'" }
        @{ Name = 'repair restore points: a VM named ".."'; Run = 'Repair-AzRestorePointCollection -ResourceId "$VmPrefix.." -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$VmPrefix.."' }
        @{ Name = 'repair restore points: a 5000-character name'; Run = 'Repair-AzRestorePointCollection -ResourceId "$VmPrefix$Long" -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$VmPrefix$Long"' }
        @{ Name = 'repair restore points: -KeepLatest 19'; Run = 'Repair-AzRestorePointCollection -ResourceId $Vm -KeepLatest 19 -JournalPath $Journal -Confirm:$false @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'repair restore points: -KeepLatest abc'; Run = 'Repair-AzRestorePointCollection -ResourceId $Vm -KeepLatest abc -JournalPath $Journal -Confirm:$false @C'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'repair restore points: -Deadline soon'; Run = 'Repair-AzRestorePointCollection -ResourceId $Vm -Deadline soon -JournalPath $Journal -Confirm:$false @C'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'repair extension: a query string'; Run = 'Repair-AzVmBackupExtension -ResourceId "${Vm}?x=1" -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"${Vm}?x=1"' }
        @{ Name = 'repair extension: an empty segment'; Run = 'Repair-AzVmBackupExtension -ResourceId ($Vm -replace "rg-web-ne", "") -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '($Vm -replace "rg-web-ne", "")' }
        @{ Name = 'start backup: a subscription of 36 dashes'; Run = 'Start-AzVmBackup -ResourceId ($Vm -replace $Sub, ("-" * 36)) -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '($Vm -replace $Sub, ("-" * 36))' }
        @{ Name = 'start backup: a right-to-left override in the name'; Run = 'Start-AzVmBackup -ResourceId "$Vm$([char]0x202E)" -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm$([char]0x202E)"' }
        @{ Name = 'start backup: -RetainUntil that is not a date'; Run = 'Start-AzVmBackup -ResourceId $Vm -RetainUntil "next tuesday-ish" -JournalPath $Journal -Confirm:$false @C'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Target = $null }

        # Stop-AzVmBackupJob
        @{ Name = 'stop job: a job named ".."'; Run = 'Stop-AzVmBackupJob -JobId "$Vault/backupJobs/.." -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vault/backupJobs/.."' }
        @{ Name = 'stop job: a query string'; Run = 'Stop-AzVmBackupJob -JobId "$Vault/backupJobs/j?x=1" -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vault/backupJobs/j?x=1"' }
        @{ Name = 'stop job: a subscription ".."'; Run = 'Stop-AzVmBackupJob -JobId "/subscriptions/../resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j" -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"/subscriptions/../resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j"' }
        @{ Name = 'stop job: a bare job GUID'; Run = 'Stop-AzVmBackupJob -JobId 5ab00002-0000-4000-8000-000000000002 -Confirm:$false @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }

        # Restore-AzBackupLock
        @{ Name = 'restore locks: ".."'; Run = 'Restore-AzBackupLock -ResourceId ".." -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = "'..'" }
        @{ Name = 'restore locks: "/../.." after the VM'; Run = 'Restore-AzBackupLock -ResourceId "$Vm/../.." -JournalPath $Journal -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm/../.."' }

        # Export-AzBackupInventory, Test-AzVmBackupReadiness -InventoryPath
        @{ Name = 'inventory: a VM id with ".."'; Run = 'Export-AzBackupInventory -ResourceId "$Vm/.." -Path (Join-Path $Work "inv1.json") -Confirm:$false @C'; Id = 'InvalidResourceId'; Category = 'InvalidArgument'; Target = '"$Vm/.."' }
        @{ Name = 'inventory: a subscription that is not a GUID'; Run = 'Export-AzBackupInventory -SubscriptionId "$Sub/.." -Path (Join-Path $Work "inv2.json") -Confirm:$false @C'; Id = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Target = '"$Sub/.."' }
        @{ Name = 'inventory: a folder that does not exist'; Run = 'Export-AzBackupInventory -ResourceId $Vm -Path (Join-Path $Work "no-such-folder/inv.json") -Confirm:$false @C'; Id = 'OutputFolderMissing'; Category = 'ObjectNotFound'; Target = $null }
        @{ Name = 'inventory: an existing file without -Force'; Run = 'Export-AzBackupInventory -ResourceId $Vm -Path $Existing -Confirm:$false @C'; Id = 'InventoryFileExists'; Category = 'ResourceExists'; Target = $null }
        @{ Name = 'inventory: an empty -Path'; Run = 'Export-AzBackupInventory -ResourceId $Vm -Path "" -Confirm:$false @C'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'readiness offline: an inventory that is not JSON'; Run = 'Test-AzVmBackupReadiness -InventoryPath $Existing'; Id = 'InventoryNotJson'; Category = 'InvalidArgument'; Target = '$Existing' }
        @{ Name = 'readiness offline: an inventory that does not exist'; Run = 'Test-AzVmBackupReadiness -InventoryPath (Join-Path $Work "no-such-inventory.json")'; Id = 'InventoryUnreadable'; Category = 'InvalidArgument'; Target = $null }

        # Get-AzBackupErrorInfo, Export-AzBackupReadinessReport, Invoke-AzBackupCompliance (no ARM)
        @{ Name = 'error info: an unknown code'; Run = 'Get-AzBackupErrorInfo -Code NoSuchErrorCode'; Id = 'UnknownErrorCode'; Category = 'ObjectNotFound'; Target = "'NoSuchErrorCode'" }
        @{ Name = 'error info: -Top 0'; Run = 'Get-AzBackupErrorInfo -Message "agent" -Top 0'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
        @{ Name = 'report: an object that is not a result'; Run = '[pscustomobject]@{ Name = "x" } | Export-AzBackupReadinessReport -Path (Join-Path $Work "not-written.html")'; Id = 'NotAReadinessResult'; Category = 'InvalidArgument'; Target = $null }
        @{ Name = 'report: an unknown format'; Run = '$Fake | Export-AzBackupReadinessReport -Path (Join-Path $Work "report.docx")'; Id = 'UnknownReportFormat'; Category = 'InvalidArgument'; Target = '(Join-Path $Work "report.docx")' }
        @{ Name = 'report: an existing file without -Force'; Run = '$Fake | Export-AzBackupReadinessReport -Path $Existing'; Id = 'ReportFileExists'; Category = 'ResourceExists'; Target = '$Existing' }
        @{ Name = 'compliance: a configuration that does not exist'; Run = '$Fake | Invoke-AzBackupCompliance -ConfigurationPath (Join-Path $Work "no-such.psd1") -Output None'; Id = 'ComplianceConfigurationNotFound'; Category = 'ObjectNotFound'; Target = '(Join-Path $Work "no-such.psd1")' }
        @{ Name = 'compliance: an empty configuration path'; Run = '$Fake | Invoke-AzBackupCompliance -ConfigurationPath "" -Output None'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Target = $null }
    )
    for ($i = 0; $i -lt $Cases.Count; $i++) { $Cases[$i].Index = $i }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop
    $ScenarioPath = Join-Path $TestRepoRoot 'scenarios/demo.json'
    $Scenario = Get-Content -Raw -Path $ScenarioPath | ConvertFrom-Json
    $RequestLog = Join-Path $TestDrive 'requests.jsonl'
    $Emulator = Start-TestEmulator -ScenarioPath $ScenarioPath -RequestLog $RequestLog
    $C = $Emulator.Connection

    $Sub = $Scenario.subscriptions[0].subscriptionId
    $VmPrefix = "/subscriptions/$Sub/resourceGroups/rg-web-ne/providers/Microsoft.Compute/virtualMachines/"
    $Vm = $VmPrefix + 'vm-healthy-01'
    $Vault = "/subscriptions/$Sub/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-prod-ne"
    $TargetGroup = "/subscriptions/$Sub/resourceGroups/rg-web-ne"
    $Traversal = "/subscriptions/$Sub/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm"
    $Long = 'a' * 5000
    $Work = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'work') -Force).FullName
    $Journal = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'journal') -Force).FullName
    $Existing = Join-Path $Work 'existing.html'
    Set-Content -Path $Existing -Value 'keep me'
    # A readiness result as a file would give it back (Export/Invoke accept those), so these cases need no request.
    $Fake = [pscustomobject]@{ VmId = $Vm; VmName = 'vm-healthy-01'; CheckId = 'Agent.Ready'; Status = 'Pass'; Message = 'ok'; Severity = 'Critical' }
    $ExceptionName = '\b[A-Z]\w+Exception\b'
    # PowerShell's own parameter binding errors: their ids and exceptions are PowerShell's, not the module's.
    $BindingIds = @('ParameterArgumentValidationErrorEmptyStringNotAllowed', 'ParameterArgumentValidationError', 'CannotConvertArgumentNoMessage', 'AmbiguousParameterSet')

    # Marks in the emulator's request log where each case starts: a GET for a resource group that does not exist.
    function Send-Marker([string] $Name) { $null = Get-EmulatorResource -Emulator $Emulator -Id "/subscriptions/$Sub/resourceGroups/azbt-marker-$Name" }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator -Emulator $Emulator }
}

Describe 'Bad input to every cmdlet' {
    It '<Name>: <Id>, <Category>, one line, nothing sent' -ForEach $Cases {
        Send-Marker "case-$Index"
        $records = @()
        $output = @()
        try {
            $all = @(& ([scriptblock]::Create($Run)) 2>&1)
            $records = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        }
        catch {
            $records = @($_)
        }

        $records.Count | Should -Be 1 -Because "one error, not $($records.Count): $($records | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })"
        $output.Count | Should -Be 0 -Because 'bad input gives no result'
        $record = $records[0]
        $record.FullyQualifiedErrorId | Should -BeLike "$Id*"
        "$($record.CategoryInfo.Category)" | Should -Be $Category
        if ($null -ne $Target) { $record.TargetObject | Should -BeExactly (& ([scriptblock]::Create($Target))) }

        $message = $record.Exception.Message
        foreach ($text in @($message, $record.ToString())) {
            $text | Should -Not -BeNullOrEmpty
            $text | Should -Not -Match '[\r\n]'
            $text | Should -Not -BeLike '*   at *'
            $text | Should -Not -Match $ExceptionName
        }
        if ($Id -notin $BindingIds) {
            # The module's own records: a message of bounded length; an exception the module never threw (a terminating
            # error has PowerShell's own ThrowTerminatingError frame, nothing of the module's and no source path); the
            # id, not a type name, as the reason.
            $message.Length | Should -BeLessOrEqual 600
            "$($record.Exception.StackTrace)" | Should -Not -BeLike '*AzBackupTroubleshoot*'
            "$($record.Exception.StackTrace)" | Should -Not -Match '\.cs:line|\sin\s/'
            $record.CategoryInfo.Reason | Should -Be $Id
            $record.Exception.InnerException | Should -BeNullOrEmpty
        }
    }

    It 'wrote no report or inventory and left the existing file alone' {
        foreach ($name in 'inv1.json', 'inv2.json', 'no-such-folder') { Test-Path (Join-Path $Work $name) | Should -BeFalse }
        Test-Path (Join-Path $Work 'not-written.html') | Should -BeFalse
        Test-Path (Join-Path $Work 'report.docx') | Should -BeFalse
        Get-Content -Raw -Path $Existing | Should -BeLike 'keep me*'
    }
}

Describe 'Nothing reached the emulator' {
    It 'counts no request between the markers, and sees the requests of a valid run' -TestCases @(@{ Count = $Cases.Count }) {
        # The control: a valid scan's requests must be counted, else the log or the markers are broken.
        Send-Marker 'control'
        $results = @(Test-AzVmBackupReadiness -ResourceId $Vm @C)
        $results.Count | Should -BeGreaterThan 0
        Send-Marker 'end'
        Stop-TestEmulator -Emulator $Emulator
        $script:Emulator = $null

        $entries = @(Get-Content -Path $RequestLog | ForEach-Object { $_ | ConvertFrom-Json })
        $perCase = [ordered]@{}
        $current = $null
        foreach ($entry in $entries) {
            if ($entry.path -match '/resourceGroups/azbt-marker-(?<name>[^/?]+)$') { $current = $Matches.name; $perCase[$current] = @(); continue }
            if ($null -ne $current) { $perCase[$current] += "$($entry.method) $($entry.path)" }
        }
        $perCase.Keys.Count | Should -Be ($Count + 2) -Because 'every case (and the control) sent its marker'
        $leaks = @($perCase.Keys | Where-Object { $_ -like 'case-*' -and $perCase[$_].Count -gt 0 } | ForEach-Object { "$($_): $($perCase[$_] -join ', ')" })
        $leaks | Should -BeNullOrEmpty
        $perCase['control'].Count | Should -BeGreaterThan 0
        @($entries | Where-Object { $_.method -in 'PUT', 'POST', 'DELETE', 'PATCH' }).Count | Should -Be 0
    }
}

Describe 'After the input is accepted: the records of what failed are one line, without stack or SDK dump' {
    BeforeAll {
        # The demo with a fault: every restore point collection delete is refused (409), so a repair step fails.
        $demo = Get-Content -Raw -Path (Join-Path $TestRepoRoot 'scenarios/demo.json') | ConvertFrom-Json
        $demo.settings.faults = @(@{ method = 'DELETE'; path = 'restorePointCollections/'; status = 409; errorCode = 'OperationNotAllowed'; times = 1000 })
        $faultyPath = Join-Path $TestDrive 'demo-with-faults.json'
        $demo | ConvertTo-Json -Depth 100 | Set-Content -Path $faultyPath
        $Faulty = Start-TestEmulator -ScenarioPath $faultyPath
        $F = $Faulty.Connection
        $FullVm = "/subscriptions/$Sub/resourceGroups/rg-ops-ne/providers/Microsoft.Compute/virtualMachines/vm-restorepoints-18"
        $FaultJournal = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'journal-faulty') -Force).FullName

        function Assert-CleanRecord($record, [string] $Id, [string] $Category) {
            $record.FullyQualifiedErrorId | Should -BeLike "$Id*"
            "$($record.CategoryInfo.Category)" | Should -Be $Category
            foreach ($text in @($record.Exception.Message, $record.ToString())) {
                $text | Should -Not -Match '[\r\n]'
                $text | Should -Not -BeLike '*   at *'
                $text | Should -Not -Match $ExceptionName
                $text | Should -Not -Match 'Status: \d|Headers:|Content:|ErrorCode:'
            }
            "$($record.Exception.StackTrace)" | Should -Not -BeLike '*AzBackupTroubleshoot*'
            "$($record.Exception.StackTrace)" | Should -Not -Match '\.cs:line'
            $record.Exception.InnerException | Should -BeNullOrEmpty
            $record.CategoryInfo.Reason | Should -Be ($record.FullyQualifiedErrorId -split ',')[0]
        }
    }

    AfterAll {
        if ($Faulty) { Stop-TestEmulator -Emulator $Faulty }
    }

    It 'a repair step ARM refuses: a Failed record of one line and an error with ARM''s code' {
        $out = @(Repair-AzRestorePointCollection -ResourceId $FullVm -Force -Confirm:$false -JournalPath $FaultJournal @F -ErrorVariable stepErrors -ErrorAction SilentlyContinue)
        $failed = @($out | Where-Object { "$($_.Status)" -eq 'Failed' })
        $failed.Count | Should -BeGreaterThan 0
        foreach ($r in $out) { $r.Message | Should -Not -Match '[\r\n]|Status: \d|Headers:|Content:' }
        $stepErrors.Count | Should -Be $failed.Count
        foreach ($e in $stepErrors) { Assert-CleanRecord $e 'OperationNotAllowed' 'InvalidOperation' }
        # The collections are still there: the fault refused every delete.
        @(Get-EmulatorResource -Emulator $Faulty -Id "/subscriptions/$Sub/resourceGroups/AzureBackupRG_northeurope_1/providers/Microsoft.Compute/restorePointCollections/AzureBackupRG_vm-restorepoints-18_1").Count | Should -Be 1
    }

    It 'a job ARM does not have: ObjectNotFound about that job' {
        $missing = "$Vault/backupJobs/00000000-0000-4000-8000-0000000000ff"
        $out = @(Stop-AzVmBackupJob -JobId $missing -Confirm:$false @F -ErrorVariable jobErrors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $jobErrors.Count | Should -Be 1
        Assert-CleanRecord $jobErrors[0] '' 'ObjectNotFound'
        $jobErrors[0].TargetObject | Should -Be $missing
    }

    It 'a refusal (a job that has ended): the refusal''s code, OperationStopped' {
        $done = "$Vault/backupJobs/5ab00002-0000-4000-8000-000000000002"
        $out = @(Stop-AzVmBackupJob -JobId $done -Confirm:$false @F -ErrorVariable jobErrors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $jobErrors.Count | Should -Be 1
        Assert-CleanRecord $jobErrors[0] 'JobNotInProgress' 'OperationStopped'
    }

    It 'a subscription the identity may not read: AuthorizationFailed, PermissionDenied, the rest still read' {
        $forbidden = $demo.settings.forbiddenSubscriptions[0]
        $out = @(Test-AzVmBackupReadiness -SubscriptionId $forbidden, $Sub -Check 'Agent.*' -SkipRestorePointCount @F -ErrorVariable scopeErrors -ErrorAction SilentlyContinue)
        $out.Count | Should -BeGreaterThan 0
        $denied = @($scopeErrors | Where-Object { "$($_.CategoryInfo.Category)" -eq 'PermissionDenied' })
        $denied.Count | Should -BeGreaterThan 0
        foreach ($e in $denied) { Assert-CleanRecord $e 'AuthorizationFailed' 'PermissionDenied' }
    }

    It 'nothing listening at the endpoint: a terminating ConnectionRefused, in seconds' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $err = $null
        try { $null = Test-AzVmBackupReadiness -ResourceId $Vm -ArmEndpoint 'https://127.0.0.1:1/' -AccessToken 't' -TrustedCertificateSha256 ('A' * 64) } catch { $err = $_ }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $err | Should -Not -BeNullOrEmpty
        Assert-CleanRecord $err 'ConnectionRefused' 'ConnectionError'
    }
}
