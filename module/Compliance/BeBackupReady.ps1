# Should -BeBackupReady: a Pester 5 assertion for hand-written tests.
#   Get-AzVM -ResourceGroupName rg-prod | Should -BeBackupReady -Check Agent.*
#   Test-AzVmBackupReadiness -ResourceGroupName rg-prod | Should -BeBackupReady
# Piped readiness results are judged as they are; VM objects or resource ids are checked first with
# Test-AzVmBackupReadiness (its connection parameters come from $PSDefaultParameterValues, as in any script).
# A Fail or Error fails the assertion; a Warning too with -FailOnWarning.

function Test-BackupReadyAssertion {
    param(
        $ActualValue,
        [switch] $Negate,
        [string] $Because,
        [string[]] $Check = @('*'),
        [switch] $FailOnWarning
    )

    $items = @($ActualValue)
    $results = if ($items.Count -gt 0 -and $null -ne $items[0].PSObject.Properties['CheckId']) {
        $items
    }
    else {
        $ids = foreach ($item in $items) { if ($item -is [string]) { $item } elseif ($item.Id) { $item.Id } else { $item.ResourceId } }
        @(Test-AzVmBackupReadiness -ResourceId $ids -ErrorAction Stop)
    }
    $selected = @($results | Where-Object { $id = $_.CheckId; @($Check | Where-Object { $id -like $_ }).Count -gt 0 })
    $bad = @('Fail', 'Error') + $(if ($FailOnWarning) { 'Warning' } else { @() })
    $failing = @($selected | Where-Object { $bad -contains "$($_.Status)" })
    $ready = $selected.Count -gt 0 -and $failing.Count -eq 0
    $because = if ($Because) { " because $Because" } else { '' }

    if ($selected.Count -eq 0) {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = "Expected readiness results for checks '$($Check -join "', '")'$because, but none matched." }
    }
    if ($Negate) {
        return [pscustomobject]@{
            Succeeded      = -not $ready
            FailureMessage = "Expected a finding among $($selected.Count) result(s)$because, but every check passed."
        }
    }
    $lines = $failing | Select-Object -First 10 | ForEach-Object { "$($_.VmName) $($_.CheckId) $($_.Status): $($_.Message)" }
    [pscustomobject]@{
        Succeeded      = $ready
        FailureMessage = "Expected the VM(s) to be backup ready$because, but $($failing.Count) check(s) did not pass:`n" + ($lines -join "`n")
    }
}

Add-ShouldOperator -Name BeBackupReady -Test ${function:Test-BackupReadyAssertion} -SupportsArrayInput
