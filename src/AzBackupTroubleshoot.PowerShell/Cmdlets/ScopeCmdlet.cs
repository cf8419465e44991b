using System.Management.Automation;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// What the cmdlets that read a scope share: VMs by id (piped Get-AzVM output, results and diagnoses), a resource
    /// group, or whole subscriptions; every input is gathered into one <see cref="ScanScope"/> so the engine can read it
    /// in bulk in EndProcessing. A bad value is a non-terminating error and the others still count.
    /// </summary>
    public abstract class ScopeCmdlet : ArmCmdlet
    {
        protected const string ByResourceId = "ByResourceId";
        protected const string ByResourceGroup = "ByResourceGroup";
        protected const string BySubscription = "BySubscription";

        /// <summary>
        /// VM resource ids. Piped objects bind by Id (Get-AzVM) or VmId (readiness results, diagnoses, repair records), in
        /// that order: Get-AzVM objects also have a VmId that is the VM's GUID.
        /// </summary>
        [Parameter(ParameterSetName = ByResourceId, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "VmId")]
        public string[] ResourceId { get; set; } = new string[0];

        [Parameter(ParameterSetName = ByResourceGroup, Mandatory = true)]
        public string ResourceGroupName { get; set; } = "";

        /// <summary>The subscription holding the resource group, or the subscriptions to read whole.</summary>
        [Parameter(ParameterSetName = ByResourceGroup, Mandatory = true)]
        [Parameter(ParameterSetName = BySubscription, Mandatory = true)]
        public string[] SubscriptionId { get; set; } = new string[0];

        /// <summary>Everything gathered so far.</summary>
        protected ScanScope Scope { get; } = new ScanScope();

        /// <summary>One VM's name within the resource group, for cmdlets that offer it; null means the whole group.</summary>
        protected virtual string? VmNameInGroup => null;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByResourceId:
                    foreach (var id in ResourceId)
                        AddInput(() => Scope.AddVm(id), "InvalidResourceId", id);
                    break;
                case ByResourceGroup:
                    foreach (var subscription in SubscriptionId)
                        AddInput(() => Scope.AddResourceGroup(subscription, ResourceGroupName, VmNameInGroup), "InvalidSubscriptionId", subscription);
                    break;
                case BySubscription:
                    foreach (var subscription in SubscriptionId)
                        AddInput(() => Scope.AddSubscription(subscription), "InvalidSubscriptionId", subscription);
                    break;
            }
        }
    }
}
