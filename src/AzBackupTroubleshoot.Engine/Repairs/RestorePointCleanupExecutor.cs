using System;
using System.Collections.Generic;
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
    /// Carries out an approved <see cref="RestorePointCleanupPlan"/> within a <see cref="RepairRun"/>: lifts the locks in
    /// the way (journaled on disk first), deletes what ARM then confirms gone, and always puts the locks back, then
    /// optionally starts a backup. Each record is reported the moment its step ends. Unapproved actions become WhatIf
    /// records and send nothing. After the run's deadline no new step starts.
    /// </summary>
    public sealed class RestorePointCleanupExecutor
    {
        private readonly ArmConnection _connection;

        public RestorePointCleanupExecutor(ArmConnection connection) => _connection = connection;

        public ResilientDelete Delete { get; } = new ResilientDelete();

        /// <summary>Runs the plan in its own <see cref="RepairRun"/> (journal, deadline) and returns every record.</summary>
        public async Task<List<RepairRecord>> ExecuteAsync(RestorePointCleanupPlan plan, DateTimeOffset retainUntil, CancellationToken ct, RepairOptions? options = null)
        {
            options ??= new RepairOptions { DryRun = plan.Actions.All(a => !a.Approved) };
            using var run = await RepairRun.StartAsync(_connection, plan.Vm.VmId, options, ct).ConfigureAwait(false);
            await ExecuteAsync(plan, retainUntil, run).ConfigureAwait(false);
            return run.Records.ToList();
        }

        public async Task ExecuteAsync(RestorePointCleanupPlan plan, DateTimeOffset retainUntil, RepairRun run)
        {
            var vmId = plan.Vm.VmId;
            foreach (var r in plan.LeftAlone) run.Report(r);
            if (plan.NothingToDo)
            {
                run.Report(RepairRecord.NothingToDo(vmId, $"{plan.Vm.Name} has no Azure Backup restore points to clean up."));
                return;
            }
            foreach (var a in plan.Actions.Where(a => !a.Approved))
                run.Report(a.WhatIf(vmId));

            var deletions = plan.Actions.Where(a => a.Approved && a.Action != "TriggerBackup").ToList();
            var failed = false;
            if (deletions.Count > 0)
            {
                var confirmedDeleted = new List<string>();
                try
                {
                    foreach (var lockInfo in Distinct(deletions.SelectMany(d => d.LocksToLift)))
                    {
                        if (run.Token.IsCancellationRequested) { failed = true; run.Report(run.NotStarted("RemoveLock", lockInfo.Id)); continue; }
                        var lifted = await run.Locks.RemoveAsync(vmId, lockInfo).ConfigureAwait(false);
                        run.Report(lifted);
                        if (lifted.Status == RepairStatus.Failed) { failed = true; break; }
                    }
                    foreach (var deletion in deletions)
                    {
                        if (failed)
                        {
                            run.Report(new RepairRecord { VmId = vmId, Action = deletion.Action, Target = deletion.Target, Status = RepairStatus.Skipped, Message = "Not attempted: an earlier step failed." });
                            continue;
                        }
                        if (run.Token.IsCancellationRequested) { failed = true; run.Report(run.NotStarted(deletion.Action, deletion.Target)); continue; }
                        var record = await DeleteAsync(plan.Vm, deletion, run).ConfigureAwait(false);
                        if (record.Status == RepairStatus.Done) confirmedDeleted.Add(deletion.Target);
                        else failed = true;
                        run.Report(record);
                    }
                }
                finally
                {
                    await run.RestoreLocksAsync(confirmedDeleted).ConfigureAwait(false);
                }
            }

            var trigger = plan.Actions.FirstOrDefault(a => a.Approved && a.Action == "TriggerBackup");
            if (trigger != null)
            {
                if (failed)
                    run.Report(new RepairRecord { VmId = vmId, Action = trigger.Action, Target = trigger.Target, Status = RepairStatus.Skipped, Message = "No backup started: the cleanup did not finish." });
                else if (run.Token.IsCancellationRequested)
                    run.Report(run.NotStarted(trigger.Action, trigger.Target));
                else
                    run.Report(await new BackupTrigger(_connection).StartAsync(vmId, trigger.Target, retainUntil, run.Token).ConfigureAwait(false));
            }
            if (run.UserCancelled) throw new OperationCanceledException("The repair was cancelled; the locks it lifted were put back.");
        }

        private async Task<RepairRecord> DeleteAsync(VmInventory vm, PlannedAction deletion, RepairRun run)
        {
            RepairRecord Result(RepairStatus status, string message, string? code = null)
                => new RepairRecord { VmId = vm.VmId, Action = deletion.Action, Target = deletion.Target, Status = status, ErrorCode = code, Message = message };

            // The executor asks the ownership rule again: a plan is data, and data can be edited between plan and execute.
            var collectionId = deletion.Action == "DeleteRestorePoint" ? ParentCollection(deletion.Target) : deletion.Target;
            var collection = vm.RestorePointCollections.FirstOrDefault(c => ArmIds.Same(c.Id(), collectionId));
            var ownership = collection.ValueKind == JsonValueKind.Object ? AzureBackupOwnership.Judge(vm, collection) : null;
            if (ownership == null || !ownership.IsAzureBackups)
                return Result(RepairStatus.Skipped, "Not Azure Backup's, left alone: " + (ownership?.Reason ?? "it is not one of the VM's collections") + ".");

            var id = new ResourceIdentifier(deletion.Target);
            var outcome = await Delete.RunConfirmedAsync(_connection, deletion.Target, token => deletion.Action == "DeleteRestorePoint"
                ? _connection.Client.GetRestorePointResource(id).DeleteAsync(WaitUntil.Completed, token)
                : _connection.Client.GetRestorePointGroupResource(id).DeleteAsync(WaitUntil.Completed, token), run.Token).ConfigureAwait(false);

            var what = deletion.Description;
            var answered = outcome.Interrupted
                ? (run.DeadlinePassed ? $"the repair's deadline ({run.Options.Deadline}) passed before the delete finished" : "the repair was cancelled before the delete finished")
                : outcome.Failure != null ? "ARM answered " + RepairText.Short(outcome.Failure) : null;
            switch (outcome.Gone)
            {
                case true:
                    var note = answered != null ? $"{answered}, but a read confirms it is gone" : outcome.Attempts > 1 ? $"succeeded on attempt {outcome.Attempts}; ARM confirms it is gone" : "done; ARM confirms it is gone";
                    return Result(RepairStatus.Done, $"{what}: {note}.");
                case false:
                    var hint = (outcome.Failure as RequestFailedException)?.ErrorCode == "ScopeLocked" ? " A lock blocks it: run with -RemoveLock." : "";
                    return Result(RepairStatus.Failed, $"{what} did not finish: {answered ?? "the delete reported success"}, and ARM still shows it.{hint}",
                        RepairText.Code(outcome.Failure) ?? (outcome.Interrupted ? (run.DeadlinePassed ? "DeadlineReached" : "Cancelled") : "StillExists"));
                default:
                    return Result(RepairStatus.Failed, $"{what}: {answered ?? "the delete reported success"}, and ARM could not be asked whether it is gone; it counts as not deleted.",
                        RepairText.Code(outcome.Failure) ?? "StateUnknown");
            }
        }

        private static string ParentCollection(string restorePointId)
        {
            var marker = restorePointId.IndexOf("/restorePoints/", StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? restorePointId : restorePointId.Substring(0, marker);
        }

        private static IEnumerable<LockInfo> Distinct(IEnumerable<LockInfo> locks)
            => locks.GroupBy(l => l.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First());
    }
}
