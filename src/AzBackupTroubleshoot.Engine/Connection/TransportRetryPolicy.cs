using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>
    /// Azure.Core's retry policy with a separate, small budget for transport faults. ARM's own answers that mean "later"
    /// (429 with Retry-After, 408, 5xx) keep Azure.Core's retries and delays. A request that never got an answer (refused,
    /// DNS, TLS or certificate pin, reset, network timeout) is retried at most <see cref="ConnectionRetries"/> times, so a
    /// wrong endpoint fails in seconds instead of after every retry of the throttling budget. A refusal of the engine's own
    /// (<see cref="AzbtException"/>, e.g. a foreign host) is never retried.
    /// </summary>
    internal sealed class TransportRetryPolicy : RetryPolicy
    {
        private const string FailuresProperty = "AzBackupTroubleshoot.TransportFailures";

        public TransportRetryPolicy(int maxRetries, int connectionRetries, DelayStrategy delay)
            : base(Math.Max(0, maxRetries), delay)
        {
            ConnectionRetries = Math.Max(0, connectionRetries);
        }

        private static bool IsTransport(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
                if (e is System.Net.Sockets.SocketException || e is System.IO.IOException || e is System.Net.Http.HttpRequestException) return true;
            return false;
        }

        public int ConnectionRetries { get; }

        protected override bool ShouldRetry(HttpMessage message, Exception? exception)
            => Decide(message, exception, base.ShouldRetry(message, exception));

        protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception)
            => Decide(message, exception, await base.ShouldRetryAsync(message, exception).ConfigureAwait(false));

        private bool Decide(HttpMessage message, Exception? exception, bool azureCoreWould)
        {
            if (exception == null) return azureCoreWould; // an answer from ARM: Azure.Core's rules and budget
            if (exception is AzbtException) return false;
            if (message.CancellationToken.IsCancellationRequested) return false;
            // Azure.Core retries what its classifier knows (IOException, a status-0 RequestFailedException, its timeout);
            // a bare SocketException (a reset while the connection is set up, on Linux) is a transport fault all the same.
            if (!azureCoreWould && !(IsTransport(exception))) return false;
            var failures = message.TryGetProperty(FailuresProperty, out var value) && value is int n ? n + 1 : 1;
            message.SetProperty(FailuresProperty, failures);
            return failures <= ConnectionRetries;
        }
    }
}
