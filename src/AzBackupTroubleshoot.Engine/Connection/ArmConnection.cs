using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>
    /// The one place an <see cref="ArmClient"/> is created. Everything that talks to ARM goes through its pipeline,
    /// so authentication, retries (429 Retry-After, 5xx) and logging are Azure.Core's.
    /// </summary>
    public sealed class ArmConnection
    {
        private ArmConnection(ArmClient client, ArmConnectionOptions options, ArmTraffic traffic)
        {
            Traffic = traffic;
            Client = client;
            Options = options;
            Json = new ArmJsonClient(client);
        }

        public ArmClient Client { get; }
        public ArmConnectionOptions Options { get; }

        /// <summary>Per-subscription read pacing and the connection-wide cap on requests in flight.</summary>
        internal ArmTraffic Traffic { get; }

        /// <summary>The user's Resource Graph quota as its answers report it (one per connection: the quota is per user).</summary>
        internal GraphQuota GraphQuota { get; } = new GraphQuota();

        /// <summary>Raw JSON access (GET, paged lists, writes) through the client's pipeline.</summary>
        public ArmJsonClient Json { get; }

        public static ArmConnection Create(ArmConnectionOptions options)
        {
            var (endpoint, audience) = ResolveEndpoint(options);
            var clientOptions = new ArmClientOptions
            {
                Environment = new ArmEnvironment(endpoint, audience),
            };
            var retryDelay = options.RetryDelay > TimeSpan.Zero ? options.RetryDelay : TimeSpan.FromMilliseconds(1);
            var maxDelay = TimeSpan.FromSeconds(60);
            clientOptions.Retry.MaxRetries = Math.Max(0, options.MaxRetries);
            clientOptions.Retry.Mode = RetryMode.Exponential;
            clientOptions.Retry.Delay = retryDelay;
            clientOptions.Retry.MaxDelay = maxDelay;
            if (options.NetworkTimeout is TimeSpan networkTimeout) clientOptions.Retry.NetworkTimeout = networkTimeout;
            // The retry budget: Azure.Core's for 429/5xx (Retry-After honoured), a small one for requests that got no answer.
            clientOptions.RetryPolicy = new TransportRetryPolicy(options.MaxRetries, options.ConnectionRetries,
                DelayStrategy.CreateExponentialDelayStrategy(retryDelay, maxDelay));
            clientOptions.Diagnostics.IsLoggingContentEnabled = false; // bodies may carry secrets
            if (options.PinnedCertificateSha256 != null)
                clientOptions.Transport = PinnedTransport(endpoint, options.PinnedCertificateSha256);

            var traffic = new ArmTraffic(options.MaxRequestsInFlight);
            clientOptions.AddPolicy(traffic, HttpPipelinePosition.PerRetry);

            // The token goes to this endpoint only: checked before the retry and bearer-token policies, and again last.
            var guard = new ArmEndpointGuard(endpoint);
            clientOptions.AddPolicy(guard, HttpPipelinePosition.PerCall);
            clientOptions.AddPolicy(guard, HttpPipelinePosition.BeforeTransport);

            var client = new ArmClient(CreateCredential(options, endpoint), default, clientOptions);
            return new ArmConnection(client, options, traffic);
        }

        internal static (Uri Endpoint, string Audience) ResolveEndpoint(ArmConnectionOptions options)
        {
            if (options.Endpoint != null)
            {
                var audience = options.Audience ?? options.Endpoint.GetLeftPart(UriPartial.Authority) + "/";
                return (options.Endpoint, audience);
            }
            var env = (options.Environment ?? "AzureCloud").Trim();
            ArmEnvironment known = env.ToLowerInvariant() switch
            {
                "azurecloud" or "azurepubliccloud" or "public" => ArmEnvironment.AzurePublicCloud,
                "azureusgovernment" or "usgov" => ArmEnvironment.AzureGovernment,
                "azurechinacloud" or "china" => ArmEnvironment.AzureChina,
                _ => throw new ArgumentException($"Unknown Azure environment '{env}'. Use AzureCloud, AzureUSGovernment or AzureChinaCloud, or give an ARM endpoint URL."),
            };
            return (known.Endpoint, known.Audience);
        }

        private static TokenCredential CreateCredential(ArmConnectionOptions options, Uri endpoint)
        {
            var authorityHost = options.Endpoint == null ? AuthorityFor(options.Environment) : null;
            switch (options.Credential)
            {
                case CredentialKind.AccessToken:
                    return new AccessTokenCredential(options.AccessToken ?? throw new ArgumentException("An access token is required with the AccessToken credential."));
                case CredentialKind.ManagedIdentity:
                    return string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
                default:
                    var dac = new DefaultAzureCredentialOptions();
                    if (authorityHost != null) dac.AuthorityHost = authorityHost;
                    if (!string.IsNullOrWhiteSpace(options.TenantId)) dac.TenantId = options.TenantId;
                    if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)) dac.ManagedIdentityClientId = options.ManagedIdentityClientId;
                    return new DefaultAzureCredential(dac);
            }
        }

        private static Uri AuthorityFor(string environment) => (environment ?? "").ToLowerInvariant() switch
        {
            "azureusgovernment" or "usgov" => AzureAuthorityHosts.AzureGovernment,
            "azurechinacloud" or "china" => AzureAuthorityHosts.AzureChina,
            _ => AzureAuthorityHosts.AzurePublicCloud,
        };

        private static HttpPipelineTransport PinnedTransport(Uri endpoint, string sha256Hex)
        {
            if (!IsLoopback(endpoint))
                throw new ArgumentException("A pinned certificate is only accepted for a loopback endpoint (the local emulator).");
            var expected = sha256Hex.Replace(":", "").Trim().ToUpperInvariant();
            var handler = new HttpClientHandler
            {
                // Azure.Core decides about redirects (and the guard sees every URL); the handler never follows one itself.
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    if (cert == null) throw new CertificatePinMismatchException(endpoint.Host);
                    using var sha = SHA256.Create();
                    if (BitConverter.ToString(sha.ComputeHash(cert.RawData)).Replace("-", "") == expected) return true;
                    // Thrown, not false: the classifier then says "not the pinned certificate" rather than "TLS failed".
                    throw new CertificatePinMismatchException(endpoint.Host);
                },
            };
            return new HttpClientTransport(handler);
        }

        private static bool IsLoopback(Uri endpoint)
            => endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
