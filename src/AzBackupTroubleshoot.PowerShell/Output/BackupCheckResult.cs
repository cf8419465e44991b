using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// What Test-AzVmBackupReadiness and Test-AzVmRestoreReadiness write for one check of one VM: the engine's
    /// <see cref="CheckResult"/> shaped for PowerShell's own serializers. Status and Severity are names (ConvertTo-Json
    /// writes an enum as its number), Codes and Evidence are lists that print as "a; b" (Export-Csv writes an array as
    /// its type name). The engine's result stays the source of truth for the cmdlets it is piped to.
    /// </summary>
    public sealed class BackupCheckResult
    {
        internal BackupCheckResult(CheckResult result)
        {
            Source = result;
            Status = result.Status.ToString();
            Severity = result.Severity.ToString();
            Codes = new DisplayList<string>(result.Codes);
            Evidence = new DisplayList<Evidence>(result.Evidence);
        }

        /// <summary>The engine's result this was made from (not a property: not serialized, not shown).</summary>
        internal CheckResult Source { get; }

        public string VmId => Source.VmId;
        public string VmName => Source.VmName;
        public string ResourceGroup => Source.ResourceGroup;
        public string SubscriptionId => Source.SubscriptionId;
        public string CheckId => Source.CheckId;
        public string Title => Source.Title;

        /// <summary>Pass, Warning, Fail, Skipped or Error.</summary>
        public string Status { get; }

        /// <summary>Critical, Warning or Info: how much a failure of this check matters.</summary>
        public string Severity { get; }

        /// <summary>The Azure Backup error codes this condition shows as (only on a failure or warning).</summary>
        public DisplayList<string> Codes { get; }

        public string Message => Source.Message;
        public string? Remediation => Source.Remediation;
        public string? RepairCommand => Source.RepairCommand;

        /// <summary>What the check looked at: resource id, JSON path and value; as text, "path=value; ...".</summary>
        public DisplayList<Evidence> Evidence { get; }

        public string DocPage => Source.DocPage;
        public string Language => Source.Language;

        public override string ToString() => $"{VmName} {CheckId}: {Status}";
    }
}
