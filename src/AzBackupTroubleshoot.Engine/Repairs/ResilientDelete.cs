using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>What ARM holds after a delete: the only thing a repair reports as the delete's outcome.</summary>
    public sealed class DeleteOutcome
    {
        /// <summary>True: a GET answers 404. False: ARM still shows it. Null: ARM could not be asked.</summary>
        public bool? Gone { get; set; }
        public int Attempts { get; set; }
        /// <summary>The last failure of the delete itself (a 404 included), if any.</summary>
        public Exception? Failure { get; set; }
        /// <summary>The wait was cut short by the deadline or Ctrl+C.</summary>
        public bool Interrupted { get; set; }
    }

    /// <summary>
    /// Runs an SDK delete (a long-running operation) to its end, retrying the known transient failure: deleting a
    /// collection with many restore points can time out, and usually succeeds on the second or third try. Then asks ARM:
    /// whatever the delete or its poll answered (a 404 included), the resource counts as deleted only when a GET says
    /// it is gone.
    /// </summary>
    public sealed class ResilientDelete
    {
        public int MaxAttempts { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Deletes, then reads <paramref name="id"/> back. <paramref name="ct"/> (the deadline) bounds the wait, not the confirming read.</summary>
        public async Task<DeleteOutcome> RunConfirmedAsync(ArmConnection connection, string id, Func<CancellationToken, Task> delete, CancellationToken ct)
        {
            var outcome = new DeleteOutcome();
            try
            {
                outcome.Attempts = await RunAsync(delete, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                outcome.Interrupted = true;
            }
            catch (Exception ex) when (!(ex is ArmAuthenticationException))
            {
                outcome.Failure = ex;
            }
            outcome.Gone = await ArmTruth.ExistsAsync(connection, id).ConfigureAwait(false) is bool exists ? !exists : (bool?)null;
            return outcome;
        }

        /// <returns>How many attempts it took. A 404 is thrown on, for the caller to check with a GET.</returns>
        public async Task<int> RunAsync(Func<CancellationToken, Task> delete, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await delete(ct).ConfigureAwait(false);
                    return attempt;
                }
                catch (RequestFailedException ex) when (ex.Status != 404 && IsTransient(ex) && attempt < MaxAttempts && !ct.IsCancellationRequested)
                {
                    await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
                }
            }
        }

        private static bool IsTransient(RequestFailedException ex)
            => ex.Status >= 500 || ex.Status == 0 || ex.Status == 429
               || string.Equals(ex.ErrorCode, "OperationTimedOut", StringComparison.OrdinalIgnoreCase)
               || string.Equals(ex.ErrorCode, "InternalExecutionError", StringComparison.OrdinalIgnoreCase)
               || string.Equals(ex.ErrorCode, "RetryableError", StringComparison.OrdinalIgnoreCase)
               || ex.Message.IndexOf("timed out", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
