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
        public static readonly string[] BackupExtensionTypes =
        {
            "Microsoft.Azure.RecoveryServices.VMSnapshot",
            "Microsoft.Azure.RecoveryServices.VMSnapshotLinux",
        };

        private readonly ArmConnection _connection;

        public BackupExtensionRepair(ArmConnection connection) => _connection = connection;

        public ResilientDelete Delete { get; } = new ResilientDelete();

        /// <summary>Plans the removal; null when the extension is healthy or absent (nothing to do).</summary>
        public static PlannedAction? Plan(VmInventory vm)
        {
            if (!vm.Exists) throw new RepairRefusedException("VirtualMachineNotFound", $"The virtual machine {vm.VmId} does not exist.");
            var running = vm.Jobs.FirstOrDefault(j => string.Equals(j.Str("properties.status"), "InProgress", StringComparison.OrdinalIgnoreCase));
            if (running.ValueKind == JsonValueKind.Object)
                throw new RepairRefusedException("BackupJobInProgress", $"A backup job ({running.Str("name")}) is running for {vm.Name}; removing its extension now would break it. Wait for it to finish or cancel it with Stop-AzVmBackupJob.");

            foreach (var ext in vm.InstanceView.Array("extensions"))
            {
                var type = ext.Str("type") ?? "";
                if (!BackupExtensionTypes.Any(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase))) continue;
                var name = ext.Str("name") ?? ArmIds.NameOf(type);
                var state = ExtensionState(vm, name, ext);
                if (state == null) return null;
                return new PlannedAction("RemoveExtension", $"{vm.VmId}/extensions/{name}", $"Remove the {state} backup extension '{name}' from {vm.Name}; the next backup reinstalls it");
            }
            return null;
        }

        /// <summary>"failed" or "stuck deleting", or null when the extension is fine.</summary>
        private static string? ExtensionState(VmInventory vm, string name, JsonElement instanceView)
        {
            var model = vm.Vm!.Value.Array("resources").FirstOrDefault(r => string.Equals(r.Str("name"), name, StringComparison.OrdinalIgnoreCase));
            var provisioning = model.ValueKind == JsonValueKind.Object ? model.Str("properties.provisioningState") : null;
            if (string.Equals(provisioning, "Deleting", StringComparison.OrdinalIgnoreCase)) return "stuck deleting";
            if (string.Equals(provisioning, "Failed", StringComparison.OrdinalIgnoreCase)) return "failed";
            var failed = instanceView.Array("statuses").Concat(instanceView.Array("substatuses"))
                .Any(s => string.Equals(s.Str("level"), "Error", StringComparison.OrdinalIgnoreCase)
                          || (s.Str("code") ?? "").IndexOf("/failed", StringComparison.OrdinalIgnoreCase) >= 0);
            return failed ? "failed" : null;
        }

        public async Task<RepairRecord> ExecuteAsync(string vmId, PlannedAction action, CancellationToken ct)
        {
            if (!action.Approved)
                return new RepairRecord { VmId = vmId, Action = action.Action, Target = action.Target, Status = RepairStatus.WhatIf, Message = "What if: " + action.Description };
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
