using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Emulator.Endpoints;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;
using AzBackupTroubleshoot.Emulator.Throttling;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.Emulator.Hosting;

/// <summary>
/// What happens to every request, in ARM's order: latency, authentication, api-version, injected faults, permissions,
/// then the endpoint. Every answer, failed or not, is counted in the <see cref="RequestLog"/>. The bearer token is
/// only checked for presence, never stored or logged.
/// </summary>
internal sealed class ArmPipeline
{
    private readonly Scenario _scenario;
    private readonly EmulatorOptions _options;
    private readonly RequestLog _log;
    private readonly FaultInjector _faults;
    private readonly ArmRouter _router;
    private readonly ArmThrottling? _throttling;
    private readonly ResourceGraphQuota? _graphQuota;

    /// <summary>Resource Graph's query endpoint, with its own quota instead of ARM's buckets.</summary>
    public ResourceGraphEndpoint Graph { get; }

    public ArmPipeline(Scenario scenario, EmulatorOptions options, RequestLog log, FaultInjector faults)
    {
        _scenario = scenario;
        _options = options;
        _log = log;
        _faults = faults;
        _router = new ArmRouter(scenario);
        var limits = options.Throttling ?? scenario.Settings.Throttling;
        if (limits != null) _throttling = new ArmThrottling(limits);
        var graphLimits = options.ResourceGraphThrottling ?? scenario.Settings.ResourceGraphThrottling;
        if (graphLimits != null) _graphQuota = new ResourceGraphQuota(graphLimits);
        Graph = new ResourceGraphEndpoint(scenario, () => options.ResourceGraphPageSize ?? scenario.Settings.ResourceGraphPageSize);
    }

    /// <summary>Set once Kestrel has bound its port: the base of absolute URLs (nextLink, operations).</summary>
    public string BaseUrl { get; set; } = "https://127.0.0.1/";

    public async Task HandleAsync(HttpContext context)
    {
        ArmReply reply;
        FaultRule? fault = null;
        try
        {
            (reply, fault) = await ProcessAsync(context);
        }
        catch (Exception ex)
        {
            reply = ArmErrors.Error(500, "InternalServerError", $"The emulator failed on this request: {ex.GetType().Name}: {ex.Message}");
        }

        var request = context.Request;
        if (fault?.Effect is FaultEffect.Reset or FaultEffect.Hold)
        {
            // Status 0 in the log: the client got no answer (a Reset request was carried out; a Hold one was not).
            _log.Add(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", 0);
            context.Abort();
            return;
        }
        _log.Add(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", reply.Status);
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in reply.Headers) response.Headers[name] = value;
        if (reply.Body != null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(reply.Body);
        }
    }

    private async Task<(ArmReply Reply, FaultRule? Fault)> ProcessAsync(HttpContext context)
    {
        var http = context.Request;
        var path = http.Path.Value ?? "/";

        var latency = _options.Latency + TimeSpan.FromMilliseconds(_scenario.Settings.LatencyMs);
        if (latency > TimeSpan.Zero) await Task.Delay(latency);

        if (!HasBearerToken(http)) return (ArmErrors.Unauthenticated(), null);
        if (string.IsNullOrEmpty(http.Query["api-version"])) return (ArmErrors.MissingApiVersion(), null);

        if (string.Equals(path.TrimEnd('/'), ResourceGraphEndpoint.Path, StringComparison.OrdinalIgnoreCase))
            return await ResourceGraphAsync(http, path);

        // ARM throttles before anything reaches a resource provider; the remaining budget rides on every answer.
        ThrottleDecision? throttle = _throttling?.Take(http.Method, ResourceId.SubscriptionOf(path), http.Headers.Authorization.ToString());
        if (throttle is { Allowed: false } refused)
            return (ArmErrors.Throttled((int)Math.Max(1, Math.Ceiling(refused.RetryAfter.TotalSeconds))).WithHeader(refused.HeaderName, "0"), null);
        var (reply, fault) = await RouteAsync(context, http, path);
        return (throttle is { } allowed ? reply.WithHeader(allowed.HeaderName, allowed.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)) : reply, fault);
    }

    private async Task<(ArmReply Reply, FaultRule? Fault)> RouteAsync(HttpContext context, HttpRequest http, string path)
    {
        var fault = _faults.Take(http.Method, path, http.QueryString.Value ?? "");
        if (fault?.Effect == FaultEffect.Hold)
        {
            try { await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(30), context.RequestAborted); }
            catch (OperationCanceledException) { } // the client gave up first, as a time-out does
            return (new ArmReply(0), fault);
        }
        if (fault?.Delay is TimeSpan delay) await Task.Delay(delay);
        if (fault is { Effect: FaultEffect.Answer, Status: >= 400 }) return (FaultReply(fault), fault);

        var subscriptionId = ResourceId.SubscriptionOf(path);
        if (_scenario.Settings.IsForbidden(subscriptionId))
            return (ArmErrors.AuthorizationFailed(ActionOf(http.Method, path), ScopeOf(path)), fault);

        JsonObject? body = null;
        if (http.Method is "PUT" or "PATCH" or "POST")
        {
            var text = await new StreamReader(http.Body).ReadToEndAsync();
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    body = JsonNode.Parse(text) as JsonObject;
                }
                catch (JsonException)
                {
                    return (ArmErrors.InvalidRequest("InvalidRequestContent", "The request body is not valid JSON."), fault);
                }
            }
        }

        var request = new ArmRequest(http.Method, path, http.Path.ToUriComponent(), http.QueryString.Value ?? "",
            http.Query.Select(q => new System.Collections.Generic.KeyValuePair<string, string>(q.Key, q.Value.ToString())),
            body, BaseUrl, PageSize, fault is { Effect: FaultEffect.NeverFinish } or { Effect: FaultEffect.Answer, Status: < 400, ErrorCode: not null } ? fault : null);
        lock (_scenario.Sync) return (_router.Route(request), fault);
    }

    /// <summary>
    /// A Resource Graph query: its per-user quota (429 + Retry-After when used up, the quota headers on every answer),
    /// injected faults, then the query itself under the scenario lock.
    /// </summary>
    private async Task<(ArmReply Reply, FaultRule? Fault)> ResourceGraphAsync(HttpRequest http, string path)
    {
        if (http.Method != "POST") return (ArmErrors.Error(405, "MethodNotAllowed", $"Resource Graph queries are POST requests, not {http.Method}."), null);
        (bool Allowed, int Remaining, TimeSpan ResetsAfter)? quota = _graphQuota?.Take(PrincipalOf(http.Headers.Authorization.ToString()));
        ArmReply WithQuota(ArmReply reply) => quota is { } q
            ? reply.WithHeader(ResourceGraphQuota.RemainingHeader, q.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithHeader(ResourceGraphQuota.ResetsAfterHeader, ResourceGraphQuota.Format(q.ResetsAfter))
            : reply;
        var text = await new StreamReader(http.Body).ReadToEndAsync();
        if (quota is { Allowed: false } refused)
        {
            Graph.Record(new ResourceGraphCall("", "", 0, false, 429, 0));
            return (WithQuota(ResourceGraphEndpoint.RateLimited((int)Math.Max(1, Math.Ceiling(refused.ResetsAfter.TotalSeconds)))), null);
        }
        var fault = _faults.Take(http.Method, path, http.QueryString.Value ?? "", text);
        if (fault?.Delay is TimeSpan delay) await Task.Delay(delay);
        if (fault is { Effect: FaultEffect.Answer, Status: >= 400 })
        {
            Graph.Record(new ResourceGraphCall("", "", 0, false, fault.Status, 0));
            return (WithQuota(FaultReply(fault)), fault);
        }
        JsonObject? body;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return (WithQuota(ArmErrors.InvalidRequest("InvalidRequestContent", "The request body is not valid JSON.")), fault);
        }
        ArmReply answer;
        ResourceGraphCall call;
        lock (_scenario.Sync) (answer, call) = Graph.Query(body);
        Graph.Record(call);
        return (WithQuota(answer), fault);
    }

    private static string PrincipalOf(string token)
        => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), 0, 8);

    /// <summary>EmulatorOptions.PageSize wins, then the scenario's pageSize; null leaves each list to ARM's page size.</summary>
    private int? PageSize => (_options.PageSize ?? _scenario.Settings.PageSize) is int chosen ? Math.Max(1, chosen) : null;

    private static bool HasBearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length && !string.IsNullOrWhiteSpace(header["Bearer ".Length..]);
    }

    private static ArmReply FaultReply(FaultRule fault)
    {
        if (fault.Status == 429)
        {
            var throttled = ArmErrors.Throttled(fault.RetryAfterSeconds ?? 1);
            return fault.ErrorCode == null ? throttled : ArmErrors.Error(429, fault.ErrorCode, "The request was throttled (injected by the emulator).")
                .WithHeader("Retry-After", (fault.RetryAfterSeconds ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var code = fault.ErrorCode ?? fault.Status switch
        {
            400 => "BadRequest",
            403 => "AuthorizationFailed",
            404 => "NotFound",
            409 => "Conflict",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            _ => "InternalServerError",
        };
        var reply = ArmErrors.Error(fault.Status, code, $"The request failed with {code} (injected by the emulator).");
        return fault.RetryAfterSeconds is int seconds ? reply.WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) : reply;
    }

    /// <summary>The RBAC action ARM would name for this request, e.g. Microsoft.Compute/virtualMachines/read.</summary>
    private static string ActionOf(string method, string path) => ResourceId.TypeOf(path) + method.ToUpperInvariant() switch
    {
        "GET" => "/read",
        "DELETE" => "/delete",
        "POST" => "/action",
        _ => "/write",
    };

    /// <summary>
    /// The scope ARM names: the resource itself; for a collection below a resource, that resource; for a list of a
    /// provider type, the subscription or group it is taken at.
    /// </summary>
    private static string ScopeOf(string path)
    {
        var trimmed = "/" + string.Join('/', ResourceId.Segments(path));
        var providers = trimmed.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        if (providers < 0) return trimmed;
        var afterProviders = ResourceId.Segments(trimmed[(providers + "/providers/".Length)..]).Length;
        if (afterProviders % 2 == 1) return trimmed;
        return afterProviders == 2 ? trimmed[..providers] : ResourceId.Parent(trimmed, 1);
    }
}
