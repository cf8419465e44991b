using System.Globalization;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.PowerShell.Parameters;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Get-AzVmBackupFailure: why the backup jobs of the last 14 days failed, warned or overran, for VMs (by id, piped,
    /// by resource group or by subscription) or for one vault. Writes one BackupFailureDiagnosis per such job. Like
    /// Test-AzVmBackupReadiness, every input is gathered first and read once, with a few list calls per subscription.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzVmBackupFailure", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(BackupJobDiagnosis))]
    public sealed class GetAzVmBackupFailureCommand : ScopeCmdlet
    {
        private const string ByVault = "ByVault";

        private BackupFailureTriage? _triage;

        /// <summary>A Recovery Services vault: only its jobs are diagnosed (the VMs of its subscription are read for the evidence).</summary>
        [Parameter(ParameterSetName = ByVault, Mandatory = true)]
        [ValidatePattern(@"^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[^/]+/providers/Microsoft\.RecoveryServices/vaults/[^/]+/?$")]
        public string VaultId { get; set; } = "";

        /// <summary>The language of the diagnoses; the current UI culture by default.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KnowledgeCultureCompleter))]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        protected override void BeginProcessing() => _triage = new BackupFailureTriage(Connect(), Culture);

        protected override void EndProcessing()
        {
            if (_triage == null) return;
            if (ParameterSetName == ByVault)
            {
                // The engine's vault rule (no '..', empty or query segment, a real vault name) before anything is read.
                var vault = InvalidInputOf(() => Arm.Identifiers.VaultId(VaultId));
                if (vault != null) ThrowTerminatingError(ErrorRecords.ForFailure(vault, VaultId));
                WriteScanEvents(_triage.DiagnoseVaultAsync(VaultId, StopToken));
            }
            else if (!Scope.IsEmpty) // empty when every input was rejected, and said so
                WriteScanEvents(_triage.DiagnoseAsync(Scope, StopToken));
        }
    }
}
