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

        public async Task<RepairRecord> ExecuteAsync(string vmId, PlannedAction action, CancellationToken ct)
        {
            if (!action.Approved) return action.WhatIf(vmId);
            try
            {
                var attempts = await Delete.RunAsync(token => _connection.Client.GetVirtualMachineExtensionResource(new ResourceIdentifier(action.Target)).DeleteAsync(WaitUntil.Completed, token), ct).ConfigureAwait(false);
                return new RepairRecord { VmId = vmId, Action = action.Action, Target = action.Target, Status = RepairStatus.Done, Message = attempts == 0 ? "The extension was already gone." : "Removed; the next backup installs it again." };
            }
            catch (RequestFailedException ex)
            {
                var hint = ex.Status == 409 && ex.ErrorCode == "ScopeLocked" ? " A lock on the VM or its resource group blocks it; lift the lock, then run again." : "";
                return new RepairRecord { VmId = vmId, Action = action.Action, Target = action.Target, Status = RepairStatus.Failed, ErrorCode = ex.ErrorCode, Message = "Could not remove the extension: " + ex.Message.Split('\n')[0] + hint };
            }
        }
    }
}
