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
            var asyncHeader = started.Header("Azure-AsyncOperation");
            var locationHeader = started.Header("Location");
            if (asyncHeader == null && locationHeader == null) return started;
            // Checked before the first poll: a malformed URL or one off the ARM endpoint is refused, never requested.
            Uri? asyncUrl = asyncHeader == null ? null : client.ParseUrl(asyncHeader, "an Azure-AsyncOperation URL");
            Uri? location = asyncUrl != null || locationHeader == null ? null : client.ParseUrl(locationHeader, "a Location URL");
            var deadline = DateTimeOffset.UtcNow + MaxWait;
            var last = started;
            while (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(Delay(last), ct).ConfigureAwait(false);
                if (asyncUrl != null)
                {
                    last = await client.SendToUrlAsync("GET", asyncUrl, ct).ConfigureAwait(false);
                    var status = last.Body.Str("status");
                    if (IsTerminal(status))
                    {
                        if (!string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase))
                            throw new ArmRequestFailedException(200, last.Body.Str("error.code") ?? status, last.Body.Str("error.message") ?? $"The operation ended {status}.", "GET", asyncUrl.AbsolutePath);
                        return last;
                    }
                }
                else
                {
                    last = await client.SendToUrlAsync("GET", location!, ct).ConfigureAwait(false);
                    if (last.Status != 202) return last;
                }
            }
            throw new AzBackupTroubleshoot.Errors.AzbtException(AzBackupTroubleshoot.Errors.FailureKind.ServiceError, AzBackupTroubleshoot.Errors.FailureCodes.OperationTimedOut,
                $"The operation did not finish within {MaxWait.TotalMinutes} minutes; it may still be running in Azure.", (asyncUrl ?? location!).AbsolutePath);
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
