using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>
    /// The bearer token goes to the configured ARM endpoint only, and only over HTTPS. A URL ARM hands back (a nextLink,
    /// an Azure-AsyncOperation or Location header, a redirect) that points at another scheme, host or port is refused
    /// before it is requested, so the token never leaves for it.
    /// In the ArmClient's pipeline twice: per call, before the retry and bearer-token policies, so nothing is signed or
    /// retried; and just before the transport, as a backstop for anything that changed the URL on the way. It covers the
    /// Azure SDK's own calls (Compute, its long-running operations) as well as <see cref="Arm.ArmJsonClient"/>'s.
    /// </summary>
    public sealed class ArmEndpointGuard : HttpPipelinePolicy
    {
        private readonly Uri _endpoint;

        public ArmEndpointGuard(Uri endpoint) => _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

        public Uri Endpoint => _endpoint;

        /// <summary>Whether <paramref name="url"/> is on the configured endpoint: https, same host, same port.</summary>
        public static bool IsAllowed(Uri endpoint, Uri url)
            => url.IsAbsoluteUri
               && string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
               && string.Equals(url.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
               && url.Port == endpoint.Port
               && string.IsNullOrEmpty(url.UserInfo);

        /// <summary>Throws a Refused <see cref="AzbtException"/> (code ForeignHost) unless <paramref name="url"/> is allowed.</summary>
        /// <param name="what">What the URL is, for the message: "a nextLink", "an Azure-AsyncOperation URL", "a request".</param>
        public static void Check(Uri endpoint, Uri url, string what = "a request")
        {
            if (IsAllowed(endpoint, url)) return;
            throw Refusal(endpoint, url, what);
        }

        public void Check(Uri url, string what = "a request") => Check(_endpoint, url, what);

        internal static AzbtException Refusal(Uri endpoint, Uri url, string what)
        {
            var expected = Authority(endpoint);
            var given = url.IsAbsoluteUri ? Authority(url) : "a relative URL";
            var reason = !url.IsAbsoluteUri ? "it is not an absolute URL"
                : !string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? "it is not HTTPS"
                : !string.IsNullOrEmpty(url.UserInfo) ? "it carries user information"
                : "it is not the configured ARM endpoint";
            return new AzbtException(FailureKind.Refused, FailureCodes.ForeignHost,
                $"ARM pointed {what} at {given}, but the access token is only sent to {expected} ({reason}). The request was not sent."
                + " Check the endpoint setting and any proxy that rewrites ARM's answers.",
                given);
        }

        /// <summary>scheme://host:port, never path or query (a query may carry a secret).</summary>
        private static string Authority(Uri url) => $"{url.Scheme}://{url.Host}:{url.Port}";

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message.Request.Uri.ToUri());
            return ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message.Request.Uri.ToUri());
            ProcessNext(message, pipeline);
        }
    }
}
