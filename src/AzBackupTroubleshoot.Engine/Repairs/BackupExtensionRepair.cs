using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;
using Azure.ResourceManager.Compute;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Repair-AzVmBackupExtension: removes a failed or stuck-deleting backup extension (VMSnapshot / VMSnapshotLinux) so
    /// the next backup installs a fresh one. Only that extension, only in a bad state, never while a backup runs.
    /// </summary>
    public sealed class BackupExtensionRepair
    {
        private readonly ArmConnection _connection;

        public BackupExtensionRepair(ArmConnection connection) => _connection = connection;

        public ResilientDelete Delete { get; } = new ResilientDelete();

        /// <summary>Plans the removal; null when the extension is healthy or absent (nothing to do).</summary>
        public static PlannedAction? Plan(VmInventory vm)
        {
            if (!vm.Exists) throw new RepairRefusedException("VirtualMachineNotFound", $"The virtual machine {vm.VmId} does not exist.", Errors.FailureKind.NotFound);
            // Fails closed: without the vaults' job lists we cannot know that no backup is running.
            if (vm.IsUnavailable(InventoryParts.Vaults, out var reason))
                throw new RepairRefusedException("RepairSafetyDataUnreadable", $"Nothing was changed: the backup jobs of {vm.Name} could not be read ({reason}), so it is unknown whether a backup is running; removing the extension during one would break it.");
            var running = vm.Jobs.FirstOrDefault(j => string.Equals(j.Str("properties.status"), "InProgress", StringComparison.OrdinalIgnoreCase));
            if (running.ValueKind == JsonValueKind.Object)
                throw new RepairRefusedException("BackupJobInProgress", $"A backup job ({running.Str("name")}) is running for {vm.Name}; removing its extension now would break it. Wait for it to finish or cancel it with Stop-AzVmBackupJob.");

            // Same reading of the extension's state as the Extension.BackupExtension check.
            var broken = vm.Extensions.FirstOrDefault(e => e.IsBackupExtension && (e.IsDeleting || e.IsFailed));
            if (broken == null) return null;
            var state = broken.IsDeleting ? "stuck deleting" : "failed";
            return new PlannedAction("RemoveExtension", $"{vm.VmId}/extensions/{broken.Name}",
                $"Remove the {state} backup extension '{broken.Name}' from {vm.Name}; the next backup reinstalls it");
        }

        /// <summary>The record for a VM whose backup extension needs nothing.</summary>
        public static RepairRecord NothingToDo(VmInventory vm)
            => RepairRecord.NothingToDo(vm.VmId, "The backup extension is healthy or not installed; nothing to remove.");

        /// <summary>Removes the extension when approved; <paramref name="ct"/> (the deadline) bounds the wait. ARM's GET decides the outcome.</summary>
        public async Task<RepairRecord> ExecuteAsync(string vmId, PlannedAction action, CancellationToken ct)
        {
            if (!action.Approved) return action.WhatIf(vmId);
            RepairRecord Result(RepairStatus status, string message, string? code = null)
                => new RepairRecord { VmId = vmId, Action = action.Action, Target = action.Target, Status = status, ErrorCode = code, Message = message };

            var outcome = await Delete.RunConfirmedAsync(_connection, action.Target,
                token => _connection.Client.GetVirtualMachineExtensionResource(new ResourceIdentifier(action.Target)).DeleteAsync(WaitUntil.Completed, token), ct).ConfigureAwait(false);
            var answered = outcome.Interrupted ? "the deadline passed (or the repair was cancelled) before the delete finished"
                : outcome.Failure != null ? "ARM answered " + RepairText.Short(outcome.Failure) : null;
            if (outcome.Gone == true)
            {
                // The extension resource is gone; the outcome that matters is the guest's. VMSnapshot is often not an ARM
                // extension resource at all (the DELETE answers 404) while its handler keeps running in the guest, where
                // the instance view still reports it.
                var inGuest = await StillReportedByGuestAsync(vmId, ArmIds.NameOf(action.Target), ct).ConfigureAwait(false);
                if (inGuest == true)
                    return Result(RepairStatus.Failed,
                        $"ARM has no extension resource '{ArmIds.NameOf(action.Target)}' {(answered == null ? "any more" : $"({answered})")}, but the VM's instance view still reports the backup extension: the handler still runs in the guest; uninstall it there (Windows: remove C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot; Linux: /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-*), then start a backup, which installs it again.",
                        "ExtensionStillInGuest");
                var checkedGuest = inGuest == false ? " and the instance view no longer reports it" : "";
                return Result(RepairStatus.Done, answered == null
                    ? $"Removed; ARM confirms it is gone{checkedGuest}, and the next backup installs it again."
                    : $"Removed ({answered}, but a read confirms it is gone{checkedGuest}); the next backup installs it again.");
            }
            var hint = (outcome.Failure as RequestFailedException)?.ErrorCode == "ScopeLocked" ? " A lock on the VM or its resource group blocks it; lift the lock, then run again." : "";
            return Result(RepairStatus.Failed,
                outcome.Gone == false
                    ? $"Could not remove the extension: {answered ?? "the delete reported success"}, and ARM still shows it.{hint}"
                    : $"Could not remove the extension: {answered ?? "the delete reported success"}, and ARM could not be asked whether it is gone.",
                RepairText.Code(outcome.Failure) ?? (outcome.Interrupted ? "DeadlineReached" : "StillExists"));
        }

        /// <summary>
        /// Whether the VM's instance view (VirtualMachines_InstanceView) still lists the backup extension, by name or by
        /// the VMSnapshot types, in extensions[] or vmAgent.extensionHandlers[]; null when it could not be read.
        /// </summary>
        private async Task<bool?> StillReportedByGuestAsync(string vmId, string extensionName, CancellationToken ct)
        {
            JsonElement view;
            try
            {
                view = await _connection.Json.GetAsync(vmId + "/instanceView", ApiVersions.Compute, null, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArmRequestFailedException || ex is RequestFailedException || ex is Errors.AzbtException || ex is OperationCanceledException)
            {
                return null;
            }
            static bool IsBackupType(string? type) => type != null && type.StartsWith("Microsoft.Azure.RecoveryServices.VMSnapshot", StringComparison.OrdinalIgnoreCase);
            return view.Array("extensions").Any(e => string.Equals(e.Str("name"), extensionName, StringComparison.OrdinalIgnoreCase) || IsBackupType(e.Str("type")))
                || view.Array("vmAgent.extensionHandlers").Any(h => IsBackupType(h.Str("type")));
        }
    }
}
