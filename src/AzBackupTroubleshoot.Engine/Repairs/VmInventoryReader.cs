using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>Reads one VM's inventory through the same collector the scan uses, for repairs to plan from.</summary>
    public static class VmInventoryReader
    {
        /// <summary>Throws <see cref="RepairRefusedException"/> when the VM (or its subscription) cannot be read.</summary>
        public static async Task<VmInventory> ReadAsync(ArmConnection connection, string vmId, CancellationToken ct)
        {
            var scope = new ScanScope().AddVm(vmId);
            VmInventory? inventory = null;
            ScopeErrorEvent? error = null;
            await foreach (var evt in new ArmInventoryCollector(connection).CollectAsync(scope, ct).ConfigureAwait(false))
            {
                if (evt is InventoryEvent found) inventory = found.Inventory;
                else if (evt is ScopeErrorEvent e && error == null && (e.Kind != Errors.FailureKind.ServiceError || inventory == null)) error = e;
            }
            if (inventory != null) return inventory;
            throw new RepairRefusedException(error?.ErrorId ?? "VirtualMachineNotFound", error?.Message ?? $"The virtual machine {vmId} was not found.", error == null ? Errors.FailureKind.NotFound : error.Kind == Errors.FailureKind.ServiceError ? Errors.FailureKind.Refused : error.Kind);
        }
    }
}
