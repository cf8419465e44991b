using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>A plain HttpClient against the emulator: trusts only its pinned certificate, sends a dummy bearer token.</summary>
internal sealed class EmulatorClient : IDisposable
{
    public const string ApiVersion = "api-version=2025-04-01";
    private readonly HttpClient _http;

    public EmulatorClient(ArmEmulator emulator, string? token = "dummy-token")
    {
        var pinned = emulator.CertificateSha256;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert != null && Convert.ToHexString(SHA256.HashData(cert.RawData)) == pinned,
        };
        _http = new HttpClient(handler) { BaseAddress = emulator.Endpoint };
        if (token != null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<Reply> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (jsonBody != null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? body = string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, body, headers);
    }

    public Task<Reply> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    /// <summary>Follows nextLink to the end; returns every item and how many pages it took.</summary>
    public async Task<(List<JsonElement> Items, int Pages)> ListAllAsync(string pathAndQuery)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        string? next = pathAndQuery;
        while (next != null)
        {
            var reply = await GetAsync(next);
            Assert.Equal(200, reply.Status);
            pages++;
            items.AddRange(reply.Body!.Value.GetProperty("value").EnumerateArray());
            next = reply.Body.Value.TryGetProperty("nextLink", out var link) ? link.GetString() : null;
        }
        return (items, pages);
    }

    public void Dispose() => _http.Dispose();

    public sealed record Reply(int Status, JsonElement? Body, IReadOnlyDictionary<string, string> Headers)
    {
        public string? ErrorCode => Body?.TryGetProperty("error", out var e) == true ? e.GetProperty("code").GetString() : null;
        public string? ErrorMessage => Body?.TryGetProperty("error", out var e) == true ? e.GetProperty("message").GetString() : null;
        public string? Str(string name) => Body?.TryGetProperty(name, out var v) == true ? v.GetString() : null;
    }
}
