using System.Globalization;
using System.Management.Automation;
using AzBackupTroubleshoot.Collect;
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
    [OutputType(typeof(BackupFailureDiagnosis))]
    public sealed class GetAzVmBackupFailureCommand : ArmCmdlet
    {
        private const string ByResourceId = "ByResourceId";
        private const string ByVault = "ByVault";
        private const string ByResourceGroup = "ByResourceGroup";
        private const string BySubscription = "BySubscription";

        private readonly ScanScope _scope = new ScanScope();
        private BackupFailureTriage? _triage;

        /// <summary>
        /// VM resource ids. Piped objects bind by Id (Get-AzVM) or VmId (readiness results, repair records), in that order:
        /// Get-AzVM objects also have a VmId that is the VM's GUID.
        /// </summary>
        [Parameter(ParameterSetName = ByResourceId, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "VmId")]
        public string[] ResourceId { get; set; } = new string[0];

        /// <summary>A Recovery Services vault: only its jobs are diagnosed (the VMs of its subscription are read for the evidence).</summary>
        [Parameter(ParameterSetName = ByVault, Mandatory = true)]
        [ValidatePattern(@"^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[^/]+/providers/Microsoft\.RecoveryServices/vaults/[^/]+/?$")]
        public string VaultId { get; set; } = "";

        [Parameter(ParameterSetName = ByResourceGroup, Mandatory = true)]
        public string ResourceGroupName { get; set; } = "";

        /// <summary>The subscription holding the resource group, or the subscriptions to diagnose whole.</summary>
        [Parameter(ParameterSetName = ByResourceGroup, Mandatory = true)]
        [Parameter(ParameterSetName = BySubscription, Mandatory = true)]
        public string[] SubscriptionId { get; set; } = new string[0];

        /// <summary>The language of the diagnoses; the current UI culture by default.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KnowledgeCultureCompleter))]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        protected override void BeginProcessing() => _triage = new BackupFailureTriage(Connect(), Culture);

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByResourceId:
                    foreach (var id in ResourceId)
                        AddInput(() => _scope.AddVm(id), "InvalidResourceId", id);
                    break;
                case ByResourceGroup:
                    foreach (var subscription in SubscriptionId)
                        AddInput(() => _scope.AddResourceGroup(subscription, ResourceGroupName), "InvalidSubscriptionId", subscription);
                    break;
                case BySubscription:
                    foreach (var subscription in SubscriptionId)
                        AddInput(() => _scope.AddSubscription(subscription), "InvalidSubscriptionId", subscription);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_triage == null) return;
            if (ParameterSetName == ByVault)
                WriteScanEvents(_triage.DiagnoseVaultAsync(VaultId, StopToken));
            else if (!_scope.IsEmpty) // empty when every input was rejected, and said so
                WriteScanEvents(_triage.DiagnoseAsync(_scope, StopToken));
        }
    }
}
