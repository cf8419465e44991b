using System.Globalization;
using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.Restore;

using AzBackupTroubleshoot.PowerShell.Parameters;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Test-AzVmRestoreReadiness: runs the restore pre-checks for a planned restore of a VM's backup (where it goes, the
    /// staging account, subnet, name, size, region) and writes one CheckResult per pre-check. Each piped VM is one
    /// planned restore to the same target.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzVmRestoreReadiness", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(BackupCheckResult))]
    public sealed class TestAzVmRestoreReadinessCommand : ArmCmdlet
    {
        private const string ByResourceId = "ByResourceId";
        private const string ByProtectedItem = "ByProtectedItem";

        // Readiness results come one per check, so the same VM can be piped in many times; its restore is checked once.
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private RestoreReadiness? _readiness;

        /// <summary>
        /// The VM whose backup is restored (it may have been deleted since). Piped objects bind by Id (Get-AzVM) or VmId
        /// (readiness results, diagnoses), in that order: Get-AzVM objects also have a VmId that is the VM's GUID.
        /// </summary>
        [Parameter(ParameterSetName = ByResourceId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "VmId")]
        public string ResourceId { get; set; } = "";

        /// <summary>Or the vault's protected item of the VM, which names the vault too.</summary>
        [Parameter(ParameterSetName = ByProtectedItem, Mandatory = true)]
        public string ProtectedItemId { get; set; } = "";

        /// <summary>Where the restored VM or disks go: /subscriptions/{id}/resourceGroups/{name}.</summary>
        [Parameter(Mandatory = true)]
        public string TargetResourceGroupId { get; set; } = "";

        /// <summary>The staging storage account; the storage pre-checks skip without it.</summary>
        [Parameter]
        public string? StorageAccountId { get; set; }

        /// <summary>The new VM's subnet (.../virtualNetworks/{vnet}/subnets/{subnet}).</summary>
        [Parameter]
        public string? SubnetId { get; set; }

        [Parameter]
        public string? TargetVmName { get; set; }

        /// <summary>The DNS label of the new VM's public IP.</summary>
        [Parameter]
        public string? DnsLabel { get; set; }

        /// <summary>The new VM's size; the source VM's by default.</summary>
        [Parameter]
        public string? VmSize { get; set; }

        /// <summary>The region to restore into; the vault's by default (another one means Cross Region Restore).</summary>
        [Parameter]
        public string? TargetRegion { get; set; }

        /// <summary>The Recovery Services vault; found in the VM's subscription when left out.</summary>
        [Parameter]
        public string? VaultId { get; set; }

        /// <summary>The language of the messages (en-US, it-IT, pt-BR); the current UI culture by default.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KnowledgeCultureCompleter))]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        protected override void BeginProcessing() => _readiness = new RestoreReadiness(Connect()) { Culture = Culture };

        protected override void ProcessRecord()
        {
            if (_readiness == null) return;
            var source = ParameterSetName == ByProtectedItem ? ProtectedItemId : ResourceId;
            if (!_seen.Add(source.Trim().TrimEnd('/')))
            {
                WriteVerbose($"The restore of {source} was already checked in this pipeline.");
                return;
            }

            var request = new RestoreRequest
            {
                SourceVmId = ParameterSetName == ByResourceId ? ResourceId : null,
                ProtectedItemId = ParameterSetName == ByProtectedItem ? ProtectedItemId : null,
                TargetResourceGroupId = TargetResourceGroupId,
                StorageAccountId = StorageAccountId,
                SubnetId = SubnetId,
                TargetVmName = TargetVmName,
                DnsLabel = DnsLabel,
                VmSize = VmSize,
                TargetRegion = TargetRegion,
                VaultId = VaultId,
            };
            // A malformed request is reported before anything is read; the next piped VM still runs.
            if (!AddInput(request.Validate, "InvalidRestoreRequest", source)) return;
            if (!TryWait(_readiness.CheckAsync(request, StopToken), out var report)) return;

            foreach (var result in report.Results) WriteObject(new BackupCheckResult(result));
            foreach (var error in report.Errors) WriteError(ErrorRecords.ForScope(error));
        }
    }
}
