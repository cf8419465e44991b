using System;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// Follows an ARM long-running operation that was started with a raw request (providers without an SDK here):
    /// poll Azure-AsyncOperation when given, else Location; wait Retry-After between polls (ARM's documented protocol).
    /// </summary>
    public static class LongRunningOperation
    {
        public static TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Waits for the end; returns the final status body (Azure-AsyncOperation) or final resource (Location).</summary>
        public static async Task<ArmResponse> WaitAsync(ArmJsonClient client, ArmResponse started, CancellationToken ct)
        {
            if (started.Status != 201 && started.Status != 202) return started;
            var asyncUrl = started.Header("Azure-AsyncOperation");
            var location = started.Header("Location");
            if (asyncUrl == null && location == null) return started;
            var deadline = DateTimeOffset.UtcNow + MaxWait;
            var last = started;
            while (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(Delay(last), ct).ConfigureAwait(false);
                if (asyncUrl != null)
                {
                    last = await client.SendToUrlAsync("GET", new Uri(asyncUrl), ct).ConfigureAwait(false);
                    var status = last.Body.Str("status");
                    if (IsTerminal(status))
                    {
                        if (!string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase))
                            throw new ArmRequestFailedException(200, last.Body.Str("error.code") ?? status, last.Body.Str("error.message") ?? $"The operation ended {status}.", "GET", new Uri(asyncUrl).AbsolutePath);
                        return last;
                    }
                }
                else
                {
                    last = await client.SendToUrlAsync("GET", new Uri(location!), ct).ConfigureAwait(false);
                    if (last.Status != 202) return last;
                }
            }
            throw new ArmRequestFailedException(0, "OperationTimedOut", $"The operation did not finish within {MaxWait.TotalMinutes} minutes.", "GET", asyncUrl ?? location!);
        }

        private static bool IsTerminal(string? status)
            => string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase)
               || string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase)
               || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase)
               || string.Equals(status, "Cancelled", StringComparison.OrdinalIgnoreCase);

        private static TimeSpan Delay(ArmResponse response)
            => int.TryParse(response.Header("Retry-After"), out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(Math.Min(seconds, 60))
                : TimeSpan.FromSeconds(2);
    }
}
