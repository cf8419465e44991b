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

        /// <summary>Raw JSON access (GET, paged lists, writes) through the client's pipeline.</summary>
        public ArmJsonClient Json { get; }

        public static ArmConnection Create(ArmConnectionOptions options)
        {
            var (endpoint, audience) = ResolveEndpoint(options);
            var clientOptions = new ArmClientOptions
            {
                Environment = new ArmEnvironment(endpoint, audience),
            };
            clientOptions.Retry.MaxRetries = options.MaxRetries;
            clientOptions.Retry.Mode = RetryMode.Exponential;
            clientOptions.Retry.Delay = TimeSpan.FromSeconds(0.5);
            clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(60);
            if (options.NetworkTimeout is TimeSpan networkTimeout) clientOptions.Retry.NetworkTimeout = networkTimeout;
            clientOptions.Diagnostics.IsLoggingContentEnabled = false; // bodies may carry secrets
            if (options.PinnedCertificateSha256 != null)
                clientOptions.Transport = PinnedTransport(endpoint, options.PinnedCertificateSha256);

            var traffic = new ArmTraffic(options.MaxRequestsInFlight);
            clientOptions.AddPolicy(traffic, HttpPipelinePosition.PerRetry);

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
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    if (cert == null) return false;
                    using var sha = SHA256.Create();
                    return BitConverter.ToString(sha.ComputeHash(cert.RawData)).Replace("-", "") == expected;
                },
            };
            return new HttpClientTransport(handler);
        }

        private static bool IsLoopback(Uri endpoint)
            => endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
