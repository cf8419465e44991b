using System;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>Where and how to reach ARM. The emulator is just another endpoint.</summary>
    public sealed class ArmConnectionOptions
    {
        /// <summary>AzureCloud (default), AzureUSGovernment or AzureChinaCloud. Ignored when <see cref="Endpoint"/> is set.</summary>
        public string Environment { get; set; } = "AzureCloud";

        /// <summary>An explicit ARM endpoint, e.g. https://127.0.0.1:5443/ for the emulator.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary>Token audience for a custom endpoint; defaults to the endpoint itself.</summary>
        public string? Audience { get; set; }

        public CredentialKind Credential { get; set; } = CredentialKind.Default;

        /// <summary>Client id of a user-assigned managed identity; null for the system-assigned one.</summary>
        public string? ManagedIdentityClientId { get; set; }

        /// <summary>A bearer token for <see cref="CredentialKind.AccessToken"/>. Never printed or logged.</summary>
        public string? AccessToken { get; set; }

        public string? TenantId { get; set; }

        /// <summary>
        /// SHA-256 hex of the only server certificate to accept (the emulator's self-signed one). Honoured only for
        /// loopback endpoints, so it can never weaken TLS towards a real cloud.
        /// </summary>
        public string? PinnedCertificateSha256 { get; set; }

        /// <summary>Retries for ARM's "try later" answers (429 with Retry-After, 408, 5xx), done by Azure.Core's pipeline.</summary>
        public int MaxRetries { get; set; } = 6;

        /// <summary>
        /// Retries of a request that got no answer at all (connection refused, DNS, TLS or certificate pin, reset, network
        /// timeout). Kept small so that a wrong endpoint or a broken network path fails in seconds; 0 fails at once.
        /// </summary>
        public int ConnectionRetries { get; set; } = 1;

        /// <summary>The first retry's delay; later ones double (up to a minute). A Retry-After from ARM wins when longer.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        /// <summary>How long one request may wait for ARM's answer before it counts as failed (Azure.Core's default, 100 s, when null).</summary>
        public TimeSpan? NetworkTimeout { get; set; }

        /// <summary>How many ARM requests (or paged lists) the engine keeps in flight at once per subscription.</summary>
        public int MaxConcurrency { get; set; } = 8;

        /// <summary>How many requests the whole connection keeps on the wire at once, over every subscription.</summary>
        public int MaxRequestsInFlight { get; set; } = 64;
    }
}
