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
            if (!vm.Exists) throw new RepairRefusedException("VirtualMachineNotFound", $"The virtual machine {vm.VmId} does not exist.", Collect.ScopeErrorKind.NotFound);
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
                return Result(RepairStatus.Done, answered == null ? "Removed; ARM confirms it is gone, and the next backup installs it again." : $"Removed ({answered}, but a read confirms it is gone); the next backup installs it again.");
            var hint = (outcome.Failure as RequestFailedException)?.ErrorCode == "ScopeLocked" ? " A lock on the VM or its resource group blocks it; lift the lock, then run again." : "";
            return Result(RepairStatus.Failed,
                outcome.Gone == false
                    ? $"Could not remove the extension: {answered ?? "the delete reported success"}, and ARM still shows it.{hint}"
                    : $"Could not remove the extension: {answered ?? "the delete reported success"}, and ARM could not be asked whether it is gone.",
                RepairText.Code(outcome.Failure) ?? (outcome.Interrupted ? "DeadlineReached" : "StillExists"));
        }
    }
}
