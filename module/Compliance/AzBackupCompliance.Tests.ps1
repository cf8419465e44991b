# The AzBackupTroubleshoot compliance pack, run by Invoke-AzBackupCompliance through Pester 5.
# Its data is prepared by the cmdlet: one entry per check (id, title, severity, area, tags) with one row per VM
# whose Outcome the compliance configuration decided (Passed, Failed, Suppressed, NotApplicable, Inconclusive).
# Tags on every block and test: the check id, its area and its severity (and the check's own tags), so Pester's
# -Tag/-ExcludeTag filters select checks.
param(
    [Parameter(Mandatory)]
    [object[]] $Checks
)

foreach ($check in $Checks) {
    Describe "$($check.Id): $($check.Title) [$($check.Severity)]" -Tag $check.Tags {
        It '<VmName> (<ResourceGroup>)' -ForEach $check.Vms -Tag $check.Tags {
            switch ($Outcome) {
                'Failed' { throw "${Status}: $Reason" }
                'Suppressed' { Set-ItResult -Skipped -Because $Reason }
                'NotApplicable' { Set-ItResult -Skipped -Because $Reason }
                'Inconclusive' { Set-ItResult -Inconclusive -Because $Reason }
            }
        }
    }
}
