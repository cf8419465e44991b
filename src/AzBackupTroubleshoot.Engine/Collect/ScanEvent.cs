using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>What a scan streams to its front (cmdlet or CLI): results, per-scope errors, and progress.</summary>
    public abstract record ScanEvent;

    /// <summary>One check's result for one VM.</summary>
    public sealed record ResultEvent(CheckResult Result) : ScanEvent;

    /// <summary>One VM's collected inventory, complete (what checks and repair plans read).</summary>
    public sealed record InventoryEvent(VmInventory Inventory) : ScanEvent;

    /// <summary>
    /// One VM's inventory with some parts still being read: its restore points (every other part is in), or, for a VM
    /// whose page of the VM list has just come, everything but the VM itself (model and instance view). The checks that
    /// read none of the pending parts can run on it at once; the same VM's complete <see cref="InventoryEvent"/> follows.
    /// Sources that cannot stream never send it.
    /// </summary>
    public sealed record PartialInventoryEvent(VmInventory Inventory) : ScanEvent
    {
        private static readonly string[] AllButTheVm =
        {
            InventoryParts.Locks, InventoryParts.RestorePoints, InventoryParts.Vaults, InventoryParts.Network, InventoryParts.Disks,
            InventoryParts.KeyVaults, InventoryParts.Policy, InventoryParts.RoleAssignments,
        };

        private static readonly string[] RestorePointsAlone = { InventoryParts.RestorePoints };

        /// <summary>Only the VM's model and instance view are in (the other lists of its subscription are still being read).</summary>
        public bool OnlyTheVm { get; init; }

        /// <summary>The parts still being read.</summary>
        public IReadOnlyList<string> Pending => OnlyTheVm ? AllButTheVm : RestorePointsAlone;

        /// <summary>A VM as its page of the VM list gave it, before any other list is in.</summary>
        public static PartialInventoryEvent OfVmAlone(VmInventory inventory) => new(inventory) { OnlyTheVm = true };
    }

    /// <summary>
    /// A scope (subscription, resource group, VM) that could not be scanned, or a part of it that could not be read.
    /// The scan goes on with the rest. <see cref="ErrorId"/> is stable (for ErrorRecords and scripts).
    /// </summary>
    public sealed record ScopeErrorEvent(string Scope, string ErrorId, FailureKind Kind, string Message) : ScanEvent;


    /// <summary>
    /// How far the scan is, for Write-Progress / a CLI progress bar: a line of text plus the counts behind it. Counts
    /// grow as the scan goes (totals too: VMs and restore point collections are only known once their lists are in).
    /// </summary>
    /// <param name="PercentComplete">0-100, or -1 when unknown.</param>
    public sealed record ProgressEvent(string Activity, string Status, int PercentComplete) : ScanEvent
    {

        public int SubscriptionsTotal { get; init; }
        /// <summary>Subscriptions whose lists are all in (restore point reads may still be going on).</summary>
        public int SubscriptionsRead { get; init; }
        public int VmsFound { get; init; }
        /// <summary>VMs whose results have all been handed to the front.</summary>
        public int VmsEvaluated { get; init; }
        /// <summary>VMs whose checks that need no restore points have run, while their restore points are still read.</summary>
        public int VmsEvaluatedBeforeRestorePoints { get; init; }
        /// <summary>VMs whose checks that read only the VM have run, as soon as their page of the VM list (and their status) came.</summary>
        public int VmsWithVmChecksDone { get; init; }
        public int RestorePointCollectionsTotal { get; init; }
        public int RestorePointCollectionsRead { get; init; }

        /// <summary>Resource Graph queries (one per page) known so far: each later page is known once the one before has answered.</summary>
        public int ResourceGraphQueriesTotal { get; init; }
        public int ResourceGraphQueriesDone { get; init; }
        public int ResourceGraphRowsRead { get; init; }

        /// <summary>
        /// Set while the scan waits for ARM's throttling: how long the longest current wait is (a 429's Retry-After, or
        /// the pause the engine takes itself before a subscription's read budget runs out).
        /// </summary>
        public TimeSpan? ThrottlingWait { get; init; }
        /// <summary>The subscription <see cref="ThrottlingWait"/> is about.</summary>
        public string? ThrottledSubscription { get; init; }

        /// <summary>
        /// The share of the scan done (0-100) by the engine's weighting: a subscription's lists, a Resource Graph query, a
        /// restore point collection read and a VM evaluated weigh one unit each. A front that counts the VMs whose
        /// results it wrote passes that count (it may run ahead of <see cref="VmsEvaluated"/>).
        /// </summary>
        public int PercentDone(int vmsEvaluated)
        {
            var found = Math.Max(VmsFound, vmsEvaluated);
            var units = SubscriptionsTotal + ResourceGraphQueriesTotal + RestorePointCollectionsTotal + found;
            var done = SubscriptionsRead + ResourceGraphQueriesDone + RestorePointCollectionsRead + vmsEvaluated;
            return units == 0 ? 0 : (int)Math.Min(100, 100L * done / units);
        }
    }
}
