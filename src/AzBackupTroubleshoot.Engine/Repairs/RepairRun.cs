using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>What every repair of a VM is given by the front.</summary>
    public sealed class RepairOptions
    {
        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(30);

        /// <summary>Where lock journals live; null: $AZBT_JOURNAL_DIR, else the per-user state directory (<see cref="LockJournalFile.ResolveDirectory"/>).</summary>
        public string? JournalDirectory { get; set; }

        /// <summary>After this, the repair starts no new step, puts its locks back and reports what it did not finish.</summary>
        public TimeSpan Deadline { get; set; } = DefaultDeadline;

        /// <summary>Pause between attempts to put a lock back (short in tests).</summary>
        public TimeSpan LockRestoreRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Show what would happen and send no write (-WhatIf, --dry-run).</summary>
        public bool DryRun { get; set; }

        /// <summary>Called with each record as soon as its step completes (the fronts print or write it at once).</summary>
        public Action<RepairRecord>? OnRecord { get; set; }
    }

    /// <summary>
    /// One repair of one VM from start to end: holds the VM's lock journal (and with it the OS lock that keeps a second
    /// repair of the VM on this machine out), the overall deadline, and the records as they stream. Starting one first
    /// puts back any lock an earlier, interrupted repair left lifted; when that fails the repair refuses.
    /// </summary>
    public sealed class RepairRun : IDisposable
    {
        private readonly CancellationTokenSource _deadline;
        private readonly CancellationTokenSource _linked;
        private readonly List<RepairRecord> _records = new List<RepairRecord>();
        private readonly Action<RepairRecord>? _onRecord;
        private readonly CancellationToken _userToken;

        private RepairRun(ArmConnection connection, string vmId, LockJournalFile file, RepairOptions options, CancellationToken ct)
        {
            VmId = vmId;
            Options = options;
            Locks = new LockJournal(connection, file) { RestoreRetryDelay = options.LockRestoreRetryDelay };
            _onRecord = options.OnRecord;
            _userToken = ct;
            _deadline = new CancellationTokenSource(options.Deadline);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _deadline.Token);
        }

        public string VmId { get; }
        public RepairOptions Options { get; }
        public LockJournal Locks { get; }

        /// <summary>Cancelled when the deadline passes or the user presses Ctrl+C: no new step starts after that.</summary>
        public CancellationToken Token => _linked.Token;

        public bool DeadlinePassed => _deadline.IsCancellationRequested;

        public bool UserCancelled => _userToken.IsCancellationRequested;

        public IReadOnlyList<RepairRecord> Records => _records;

        /// <summary>Opens the VM's journal (refusing when another repair holds it) and puts back what an earlier run left lifted.</summary>
        public static async Task<RepairRun> StartAsync(ArmConnection connection, string vmId, RepairOptions options, CancellationToken ct)
        {
            Arm.Identifiers.VmId(vmId); // a malformed id is bad input, before any journal is opened or request sent
            var file = LockJournalFile.Open(LockJournalFile.ResolveDirectory(options.JournalDirectory), vmId);
            var run = new RepairRun(connection, vmId, file, options, ct);
            try
            {
                await run.RecoverAsync().ConfigureAwait(false);
                return run;
            }
            catch
            {
                run.Dispose();
                throw;
            }
        }

        /// <summary>Writes a record to the stream of this run.</summary>
        public void Report(RepairRecord record)
        {
            _records.Add(record);
            _onRecord?.Invoke(record);
        }

        /// <summary>The record of a step not started because the deadline passed (or the user cancelled).</summary>
        public RepairRecord NotStarted(string action, string target)
            => new RepairRecord
            {
                VmId = VmId, Action = action, Target = target, Status = RepairStatus.Skipped, ErrorCode = DeadlinePassed ? "DeadlineReached" : "Cancelled",
                Message = DeadlinePassed ? $"Not started: the repair's deadline ({Options.Deadline}) passed." : "Not started: the repair was cancelled.",
            };

        /// <summary>Puts back every lock still pending in the journal (after the work, whatever happened).</summary>
        public Task<List<RepairRecord>> RestoreLocksAsync(IReadOnlyCollection<string> confirmedDeleted)
            => Locks.RestoreAllAsync(VmId, confirmedDeleted, Report);

        private async Task RecoverAsync()
        {
            var pending = Locks.File.Pending;
            if (pending.Count == 0) return;
            if (Options.DryRun)
            {
                foreach (var l in pending)
                    Report(new RepairRecord
                    {
                        VmId = VmId, Action = "RestoreLock", Target = l.Id, Status = RepairStatus.WhatIf,
                        Message = $"What if: put back {l.Describe()}, left lifted by an interrupted repair (journal {Locks.File.Path}).",
                    });
                return;
            }
            var records = await Locks.RestoreAllAsync(VmId, Array.Empty<string>(), Report, "From the journal of an interrupted repair:").ConfigureAwait(false);
            if (records.Any(r => r.Status == RepairStatus.Failed))
                throw new RepairRefusedException("LockJournalPending",
                    $"An earlier repair of {VmId} left lock(s) lifted and they could not all be put back (journal {Locks.File.Path}); nothing else is done until they are. " +
                    $"Fix what the records say, then run Restore-AzBackupLock -ResourceId '{VmId}' (CLI: azbt repair resume --vm '{VmId}').");
        }

        public void Dispose()
        {
            Locks.File.Dispose();
            _linked.Dispose();
            _deadline.Dispose();
        }
    }
}
