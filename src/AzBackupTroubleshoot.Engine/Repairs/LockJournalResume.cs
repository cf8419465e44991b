using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Restore-AzBackupLock / azbt repair resume: puts back the locks that unfinished journals say are lifted, one VM
    /// or every journal in the directory. Idempotent: a lock already in place is only read, a finished journal is
    /// removed, and a second run finds nothing to do. With <c>dryRun</c> it only reads the journals and sends nothing.
    /// </summary>
    public static class LockJournalResume
    {
        public static async Task<List<RepairRecord>> RunAsync(ArmConnection connection, string? journalDirectory, string? vmId, bool dryRun, Action<RepairRecord>? onRecord = null, TimeSpan? retryDelay = null)
        {
            var records = new List<RepairRecord>();
            void Report(RepairRecord r)
            {
                records.Add(r);
                onRecord?.Invoke(r);
            }

            if (vmId != null) Arm.Identifiers.VmId(vmId); // a malformed id is bad input, before any journal is read
            var directory = LockJournalFile.ResolveDirectory(journalDirectory);
            var files = vmId != null
                ? new[] { LockJournalFile.PathFor(directory, vmId) }.Where(File.Exists).ToList()
                : LockJournalFile.Find(directory).ToList();
            if (files.Count == 0)
            {
                Report(RepairRecord.NothingToDo(vmId ?? "", vmId == null ? $"No lock journal in {directory}: no lifted lock is waiting to be put back." : $"No lock journal for {vmId} in {directory}: no lifted lock is waiting to be put back."));
                return records;
            }

            foreach (var path in files)
            {
                LockJournalFile file;
                try
                {
                    file = LockJournalFile.OpenExisting(path);
                }
                catch (RepairRefusedException) when (vmId == null)
                {
                    Report(new RepairRecord { VmId = "", Action = "RestoreLock", Target = path, Status = RepairStatus.Skipped, ErrorCode = "LockJournalInUse", Message = $"{path} is held by a repair that is still running; it puts its own locks back." });
                    continue;
                }
                using (file)
                {
                    var pending = file.Pending;
                    if (pending.Count == 0)
                    {
                        Report(RepairRecord.NothingToDo(file.VmId, $"The journal of {file.VmId} has no lifted lock left; it is removed."));
                        continue;
                    }
                    if (dryRun)
                    {
                        foreach (var l in pending)
                            Report(new RepairRecord { VmId = file.VmId, Action = "RestoreLock", Target = l.Id, Status = RepairStatus.WhatIf, Message = $"What if: put back {l.Describe()} (journal {path})." });
                        continue;
                    }
                    await new LockJournal(connection, file) { RestoreRetryDelay = retryDelay ?? TimeSpan.FromSeconds(2) }.RestoreAllAsync(file.VmId, Array.Empty<string>(), Report, "From the journal:").ConfigureAwait(false);
                }
            }
            return records;
        }
    }
}
