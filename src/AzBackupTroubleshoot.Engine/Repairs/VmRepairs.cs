using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// The repairs of one VM from start to end, in the order every front follows: open the VM's run (journal, deadline;
    /// put back what an interrupted repair left lifted), read the VM, plan, ask, carry out. The CLI and tests use these;
    /// the cmdlets take the same steps themselves, because PowerShell must ask its questions on the pipeline thread.
    /// </summary>
    public static class VmRepairs
    {
        public static async Task<IReadOnlyList<RepairRecord>> CleanUpRestorePointsAsync(ArmConnection connection, string vmId, RestorePointCleanupOptions cleanup,
            RepairOptions options, Func<PlannedAction, bool> approve, CancellationToken ct, ResilientDelete? delete = null)
        {
            using var run = await RepairRun.StartAsync(connection, vmId, options, ct).ConfigureAwait(false);
            var vm = await VmInventoryReader.ReadAsync(connection, vmId, ct).ConfigureAwait(false);
            var plan = RestorePointCleanupPlanner.Plan(vm, cleanup);
            foreach (var action in plan.Actions) action.Approved = !options.DryRun && approve(action);
            var executor = new RestorePointCleanupExecutor(connection);
            if (delete != null) { executor.Delete.MaxAttempts = delete.MaxAttempts; executor.Delete.RetryDelay = delete.RetryDelay; }
            await executor.ExecuteAsync(plan, cleanup.RetainUntil ?? DateTimeOffset.UtcNow.AddDays(30), run).ConfigureAwait(false);
            return run.Records.ToList();
        }

        public static async Task<IReadOnlyList<RepairRecord>> RemoveBackupExtensionAsync(ArmConnection connection, string vmId, RepairOptions options,
            Func<PlannedAction, bool> approve, CancellationToken ct, ResilientDelete? delete = null)
        {
            using var run = await RepairRun.StartAsync(connection, vmId, options, ct).ConfigureAwait(false);
            var vm = await VmInventoryReader.ReadAsync(connection, vmId, ct).ConfigureAwait(false);
            var action = BackupExtensionRepair.Plan(vm);
            if (action == null)
            {
                run.Report(BackupExtensionRepair.NothingToDo(vm));
                return run.Records.ToList();
            }
            action.Approved = !options.DryRun && approve(action);
            var repair = new BackupExtensionRepair(connection);
            if (delete != null) { repair.Delete.MaxAttempts = delete.MaxAttempts; repair.Delete.RetryDelay = delete.RetryDelay; }
            run.Report(await repair.ExecuteAsync(vm.VmId, action, run.Token).ConfigureAwait(false));
            return run.Records.ToList();
        }

        public static async Task<IReadOnlyList<RepairRecord>> StartBackupAsync(ArmConnection connection, string vmId, DateTimeOffset retainUntil, RepairOptions options,
            Func<PlannedAction, bool> approve, CancellationToken ct)
        {
            using var run = await RepairRun.StartAsync(connection, vmId, options, ct).ConfigureAwait(false);
            var vm = await VmInventoryReader.ReadAsync(connection, vmId, ct).ConfigureAwait(false);
            var action = BackupTrigger.Plan(vm, retainUntil);
            action.Approved = !options.DryRun && approve(action);
            run.Report(await new BackupTrigger(connection).ExecuteAsync(vm.VmId, action, retainUntil, run.Token).ConfigureAwait(false));
            return run.Records.ToList();
        }
    }
}
