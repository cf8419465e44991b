using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Runs an SDK delete (a long-running operation) to its end, retrying the known transient failure: deleting a
    /// collection with many restore points can time out, and usually succeeds on the second or third try.
    /// An already-deleted resource (404) counts as done.
    /// </summary>
    public sealed class ResilientDelete
    {
        public int MaxAttempts { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <returns>How many attempts it took, or 0 when the resource was already gone.</returns>
        public async Task<int> RunAsync(Func<CancellationToken, Task> delete, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await delete(ct).ConfigureAwait(false);
                    return attempt;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    return 0;
                }
                catch (RequestFailedException ex) when (IsTransient(ex) && attempt < MaxAttempts)
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
