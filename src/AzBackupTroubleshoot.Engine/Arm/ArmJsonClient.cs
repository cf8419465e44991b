using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// ARM REST calls as JSON, sent through the <see cref="ArmClient"/>'s own pipeline (auth, retries, Retry-After,
    /// logging all Azure.Core's). Used for the providers that have no SDK package here (Recovery Services, Network,
    /// Key Vault, Authorization lists) and for bulk lists.
    /// </summary>
    public sealed class ArmJsonClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _endpoint;

        public ArmJsonClient(ArmClient client)
        {
            var access = new PipelineAccess(client);
            _pipeline = access.HttpPipeline;
            _endpoint = access.BaseUri;
        }

        public Uri Endpoint => _endpoint;

        /// <summary>GET one resource (or any path) and return its JSON body.</summary>
        public Task<JsonElement> GetAsync(string path, string apiVersion, string? query = null, CancellationToken cancellationToken = default)
            => GetAsync(path, apiVersion, query, RequestPriority.Normal, cancellationToken);

        /// <summary>The same GET, paced behind the subscription's normal reads when <paramref name="priority"/> is low.</summary>
        public async Task<JsonElement> GetAsync(string path, string apiVersion, string? query, RequestPriority priority, CancellationToken cancellationToken)
        {
            var response = await SendAsync(RequestMethod.Get, BuildUri(path, apiVersion, query), null, cancellationToken, priority).ConfigureAwait(false);
            return response.Body ?? throw new AzbtException(FailureKind.ServiceError, FailureCodes.EmptyResponse, $"ARM returned no body for GET {path}.", path) { Status = response.Status };
        }

        /// <summary>
        /// GET a list and every following page (nextLink), yielding the items of "value" as they arrive. Each page is one
        /// request with the pipeline's retries. A page that still fails throws as any request does, with
        /// <see cref="ArmRequestFailedException.Page"/> saying which page it was; a nextLink that is malformed or points away
        /// from the ARM endpoint throws an <see cref="AzbtException"/> before anything is sent.
        /// </summary>
        public async IAsyncEnumerable<JsonElement> ListAsync(string path, string apiVersion, string? query = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var page in ListPagesAsync(path, apiVersion, query, cancellationToken).ConfigureAwait(false))
                foreach (var item in page) yield return item;
        }

        /// <summary>The same list, a page at a time (for callers that act on each page as it arrives).</summary>
        public async IAsyncEnumerable<IReadOnlyList<JsonElement>> ListPagesAsync(string path, string apiVersion, string? query = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Uri? next = BuildUri(path, apiVersion, query);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pageNumber = 0;
            while (next != null)
            {
                pageNumber++;
                if (!seen.Add(next.AbsoluteUri))
                    throw new AzbtException(FailureKind.ServiceError, FailureCodes.PagingLoop,
                        $"ARM returned the same nextLink twice while listing {path}; the list was read only in part.", path);
                List<JsonElement> items;
                try
                {
                    (items, next) = await ReadPageAsync(next, path, cancellationToken).ConfigureAwait(false);
                }
                catch (ArmRequestFailedException failed) when (pageNumber > 1)
                {
                    throw new ArmRequestFailedException(failed.Status, failed.ErrorCode,
                        $"Page {pageNumber} of the list failed after {pageNumber - 1} page(s) were read: {failed.Message}", failed.Method, path)
                    { Page = pageNumber };
                }
                yield return items;
            }
        }

        /// <summary>
        /// One page's items, each cloned on its own, so an item's memory goes when that item is dropped, not when the last
        /// item of its page is; and the page's nextLink.
        /// </summary>
        private async Task<(List<JsonElement> Items, Uri? Next)> ReadPageAsync(Uri url, string path, CancellationToken ct)
        {
            var (_, _, document) = await ExchangeAsync(RequestMethod.Get, url, null, ct).ConfigureAwait(false);
            using (document)
            {
                if (document == null) return (new List<JsonElement>(), null);
                var root = document.RootElement;
                var items = root.Array("value").Select(item => item.Clone()).ToList();
                return (items, NextLink(root, path));
            }
        }

        /// <summary>The page's nextLink as an absolute URL on the ARM endpoint; null when the list is complete.</summary>
        private Uri? NextLink(JsonElement body, string path)
        {
            if (!body.TryGetProperty("nextLink", out var link) || link.ValueKind == JsonValueKind.Null) return null;
            var text = link.ValueKind == JsonValueKind.String ? link.GetString() : null;
            if (link.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(text)) return null;
            var url = ParseUrl(text, "a nextLink", path);
            return url;
        }

        /// <summary>
        /// A URL ARM gave (nextLink, Azure-AsyncOperation, Location): it must be absolute and on the ARM endpoint
        /// (https, same host and port), else an <see cref="AzbtException"/> and nothing is sent.
        /// </summary>
        public Uri ParseUrl(string? text, string what, string? target = null)
        {
            // "/path" parses as an absolute file:// URL on Unix: only http(s) counts as a URL here.
            if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var url)
                || !(url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                throw new AzbtException(FailureKind.ServiceError, FailureCodes.InvalidNextLink,
                    $"ARM returned {what} that is not an absolute URL; the request was not sent.", target);
            Connection.ArmEndpointGuard.Check(_endpoint, url, what);
            return url;
        }

        /// <summary>Any method with an optional JSON body. Non-2xx answers throw <see cref="ArmRequestFailedException"/>.</summary>
        public Task<ArmResponse> SendAsync(string method, string path, string apiVersion, object? body = null, string? query = null, CancellationToken cancellationToken = default)
            => SendAsync(RequestMethod.Parse(method), BuildUri(path, apiVersion, query), body, cancellationToken);

        /// <summary>Sends to an absolute URL as ARM gave it (nextLink, Azure-AsyncOperation, Location), if it is on the ARM endpoint.</summary>
        public Task<ArmResponse> SendToUrlAsync(string method, Uri url, CancellationToken cancellationToken = default)
        {
            Connection.ArmEndpointGuard.Check(_endpoint, url, "an operation URL");
            return SendAsync(RequestMethod.Parse(method), url, null, cancellationToken);
        }

        public Uri BuildUri(string path, string apiVersion, string? query = null)
        {
            if (!path.StartsWith("/", StringComparison.Ordinal)) path = "/" + path;
            var builder = new UriBuilder(_endpoint) { Path = path };
            var q = "api-version=" + Uri.EscapeDataString(apiVersion);
            if (!string.IsNullOrEmpty(query)) q += "&" + query!.TrimStart('&', '?');
            builder.Query = q;
            return builder.Uri;
        }

        private async Task<ArmResponse> SendAsync(RequestMethod method, Uri uri, object? body, CancellationToken cancellationToken,
            RequestPriority priority = RequestPriority.Normal)
        {
            var (status, headers, document) = await ExchangeAsync(method, uri, body, cancellationToken, priority).ConfigureAwait(false);
            using (document) return new ArmResponse(status, document?.RootElement.Clone(), headers);
        }

        /// <summary>
        /// Sends one request and parses its body straight from the buffered bytes (no string in between). Non-2xx answers
        /// throw; the caller owns (and disposes) the document, null when the body was empty.
        /// </summary>
        private async Task<(int Status, IReadOnlyDictionary<string, string> Headers, JsonDocument? Document)> ExchangeAsync(
            RequestMethod method, Uri uri, object? body, CancellationToken cancellationToken, RequestPriority priority = RequestPriority.Normal)
        {
            using var message = _pipeline.CreateMessage();
            RequestPriorities.Set(message, priority);
            var request = message.Request;
            request.Method = method;
            request.Uri.Reset(uri);
            request.Headers.Add("Accept", "application/json");
            if (body != null)
            {
                request.Headers.Add("Content-Type", "application/json");
                var bytes = body is JsonElement element
                    ? System.Text.Encoding.UTF8.GetBytes(element.GetRawText())
                    : JsonSerializer.SerializeToUtf8Bytes(body);
                request.Content = RequestContent.Create(bytes);
            }

            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is Azure.Identity.AuthenticationFailedException || ex is Azure.Identity.CredentialUnavailableException)
            {
                throw new ArmAuthenticationException("Could not get a token for ARM: " + ex.Message.Split('\n')[0].Trim(), ex);
            }
            catch (Exception ex) when (!(ex is AzbtException))
            {
                // No answer came back (refused, DNS, TLS or pin, reset, timeout, retries used up): one classified failure.
                throw FailureClassifier.Classify(ex, uri.AbsolutePath);
            }

            var response = message.Response;
            if (response.Status >= 300 && response.Status < 400)
            {
                // ARM never redirects; a redirect is not followed (it could lead the token elsewhere) nor taken as an answer.
                var to = response.Headers.TryGetValue("Location", out var location) && Uri.TryCreate(location, UriKind.Absolute, out var target)
                    ? $" to {target.Scheme}://{target.Host}:{target.Port}" : "";
                throw new AzbtException(FailureKind.ServiceError, FailureCodes.UnexpectedRedirect,
                    $"ARM answered {method} {uri.AbsolutePath} with a redirect ({response.Status}){to}; azbt does not follow redirects. Check the endpoint URL and any proxy in between.",
                    uri.AbsolutePath) { Status = response.Status };
            }
            JsonDocument? document = null;
            var content = await BodyOf(response, cancellationToken).ConfigureAwait(false);
            if (!IsBlank(content.Span))
            {
                try
                {
                    document = JsonDocument.Parse(content);
                }
                catch (JsonException)
                {
                    if (response.Status < 400)
                        throw new AzbtException(FailureKind.ServiceError, FailureCodes.InvalidJson,
                            $"ARM returned a body that is not JSON for {method} {uri.AbsolutePath}.", uri.AbsolutePath) { Status = response.Status };
                }
            }

            if (response.Status >= 400)
            {
                using (document)
                {
                    JsonElement? json = document?.RootElement;
                    var code = json.Str("error.code") ?? json.Str("code");
                    var text = json.Str("error.message") ?? json.Str("message") ?? response.ReasonPhrase;
                    throw new ArmRequestFailedException(response.Status, code, $"{code ?? response.Status.ToString()}: {text}", method.Method, uri.AbsolutePath);
                }
            }

            var headers = response.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
            return (response.Status, headers, document);
        }

        /// <summary>
        /// The body's bytes, a UTF-8 BOM cut off. Azure.Core has buffered them in a plain MemoryStream: its array is read in
        /// place (it stays valid after the message is disposed; callers clone what they keep), and copied only when unbuffered.
        /// </summary>
        private static async Task<ReadOnlyMemory<byte>> BodyOf(Azure.Response response, CancellationToken ct)
        {
            ReadOnlyMemory<byte> bytes;
            if (response.ContentStream is MemoryStream buffered && buffered.TryGetBuffer(out var segment)) bytes = segment.AsMemory((int)buffered.Position);
            else if (response.ContentStream == null) return ReadOnlyMemory<byte>.Empty;
            else
            {
                using var copy = new MemoryStream();
                await response.ContentStream.CopyToAsync(copy, 81920, ct).ConfigureAwait(false);
                bytes = copy.ToArray();
            }
            return bytes.Span.StartsWith(Utf8Bom) ? bytes.Slice(Utf8Bom.Length) : bytes;
        }

        private static ReadOnlySpan<byte> Utf8Bom => new byte[] { 0xEF, 0xBB, 0xBF };

        private static bool IsBlank(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
            return true;
        }

        /// <summary>ArmResource exposes the client's pipeline and endpoint to subclasses only.</summary>
        private sealed class PipelineAccess : ArmResource
        {
            public PipelineAccess(ArmClient client) : base(client, ResourceIdentifier.Root) { }
            public HttpPipeline HttpPipeline => Pipeline;
            public Uri BaseUri => Endpoint;
        }
    }
}
