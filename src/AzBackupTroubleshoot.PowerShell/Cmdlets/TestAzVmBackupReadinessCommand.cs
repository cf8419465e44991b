using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.PowerShell.Parameters;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Test-AzVmBackupReadiness: runs the readiness checks on VMs (by id, piped from Get-AzVM, by resource group or by
    /// subscription) and writes one CheckResult per VM per check. Every input is gathered first and scanned once,
    /// so the engine can read each subscription with a few list calls instead of one call per VM. With -InventoryPath it
    /// evaluates an inventory saved by Export-AzBackupInventory (or azbt collect) instead, reading nothing from Azure.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzVmBackupReadiness", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(BackupCheckResult))]
    public sealed class TestAzVmBackupReadinessCommand : ScopeCmdlet
    {
        private const string ByInventory = "ByInventory";

        /// <summary>
        /// Parameters that mean nothing with -InventoryPath (it reads nothing from Azure). They are ignored with a warning
        /// rather than refused, because $PSDefaultParameterValues commonly supplies the connection ones to every cmdlet.
        /// </summary>
        private static readonly string[] ReadingParameters =
            { "Environment", "ArmEndpoint", "AccessToken", "UseManagedIdentity", "ManagedIdentityClientId", "TenantId", "TrustedCertificateSha256", "SkipRestorePointCount", "InventorySource" };

        private ReadinessScanner? _scanner;

        /// <summary>
        /// An inventory file saved by Export-AzBackupInventory or azbt collect: its VMs are evaluated as of the time they
        /// were collected, with no Azure access.
        /// </summary>
        [Parameter(ParameterSetName = ByInventory, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string InventoryPath { get; set; } = "";

        /// <summary>One VM in the resource group; all of the group's VMs when left out.</summary>
        [Parameter(ParameterSetName = ByResourceGroup)]
        [Alias("VMName")]
        public string? Name { get; set; }

        /// <summary>Only these checks (ids, wildcards allowed).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[]? Check { get; set; }

        /// <summary>Leave these checks out (ids, wildcards allowed).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[]? ExcludeCheck { get; set; }

        /// <summary>Also the checks carrying any of these tags ("agent", "network", "locks", ...).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckTagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>
        /// Do not read each restore point collection's points (the one request per VM a scan makes); the restore point
        /// limit check then reports Skipped. For large fleets.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipRestorePointCount { get; set; }

        /// <summary>
        /// Where the inventory lists come from: Auto (Azure Resource Graph when the scan spans more than 5 subscriptions,
        /// else ARM), Arm, or ResourceGraph.
        /// </summary>
        [Parameter]
        [ValidateSet("Auto", "Arm", "ResourceGraph", IgnoreCase = true)]
        public string InventorySource { get; set; } = "Auto";

        /// <summary>
        /// Object ids of the Backup Management Service's service principal in this tenant, so the key vault check can
        /// recognise its access policy by object id (ARM lists policies by object id only).
        /// </summary>
        [Parameter]
        [ValidatePattern(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
        public string[]? BackupServiceObjectId { get; set; }

        /// <summary>The language of the messages (en-US, it-IT, pt-BR); the current UI culture by default.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KnowledgeCultureCompleter))]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        protected override void BeginProcessing()
        {
            // Connection and check selection are checked before any input is read, so a typo stops the cmdlet at once.
            var options = new ScanOptions
            {
                CountRestorePoints = !SkipRestorePointCount,
                InventorySource = (InventorySourceKind)Enum.Parse(typeof(InventorySourceKind), InventorySource, ignoreCase: true),
                BackupServiceObjectIds = BackupServiceObjectId ?? new string[0],
                Culture = Culture,
            };
            if (ParameterSetName == ByInventory)
            {
                BeginOffline(options);
                return;
            }
            var connection = Connect();
            try
            {
                _scanner = new ReadinessScanner(connection, Check, ExcludeCheck, Tag) { Options = options };
            }
            catch (System.ArgumentException error)
            {
                ThrowTerminatingError(ErrorRecords.ForUnknownCheck(error, Check ?? ExcludeCheck ?? Tag));
            }
        }

        private void BeginOffline(ScanOptions options)
        {
            var ignored = ReadingParameters.Where(name => MyInvocation.BoundParameters.ContainsKey(name)).Select(name => "-" + name).ToList();
            if (ignored.Count > 0)
                WriteWarning($"-InventoryPath evaluates a saved inventory and reads nothing from Azure: {string.Join(", ", ignored)} ignored (the scope and connection are chosen when exporting).");
            SavedInventory saved;
            try
            {
                saved = InventoryFile.Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(InventoryPath));
                // Judged as of the collection, so the verdicts are the live scan's (a job's age, a lock's expiry).
                options.Clock = () => saved.CollectedAt;
                _scanner = new ReadinessScanner(saved, CheckCatalog.Select(Check, ExcludeCheck, Tag)) { Options = options };
            }
            catch (AzBackupTroubleshoot.Errors.AzbtException failure)
            {
                ThrowTerminatingError(ErrorRecords.ForFailure(failure, InventoryPath));
            }
            catch (System.ArgumentException error)
            {
                ThrowTerminatingError(ErrorRecords.ForUnknownCheck(error, Check ?? ExcludeCheck ?? Tag));
            }
        }

        protected override string? VmNameInGroup => Name;

        protected override void EndProcessing()
        {
            if (_scanner == null) return;
            if (ParameterSetName == ByInventory)
                WriteScanEvents(_scanner.ScanAsync(new ScanScope(), StopToken));
            else if (!Scope.IsEmpty) // else every input was rejected, and said so
                WriteScanEvents(_scanner.ScanAsync(Scope, StopToken));
        }
    }
}
