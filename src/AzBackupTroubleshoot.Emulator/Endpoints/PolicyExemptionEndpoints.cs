using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// PolicyExemptions_List and _ListForResourceGroup (policyExemptions.json, 2022-07-01-preview): without $filter, the
/// exemptions that apply to the scope (at it or above it) and those on anything inside it. The spec's $filter values:
/// atScope() (not those inside), atExactScope(), excludeExpired(), policyAssignmentId eq '{id}'; anything else is a 400.
/// The emulator has no management group tree: an exemption at a management group applies to every subscription.
/// </summary>
internal sealed class PolicyExemptionEndpoints
{
    public const string Marker = "/providers/Microsoft.Authorization/policyExemptions";
    private static readonly Regex ByAssignment = new(@"^policyAssignmentId\s+eq\s+'(?<id>[^']+)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private readonly Scenario _scenario;

    public PolicyExemptionEndpoints(Scenario scenario) => _scenario = scenario;

    /// <summary>The list at a subscription or a resource group (the router has checked that both exist).</summary>
    public static bool IsList(ArmRequest request)
        => request.Segments.Length is 5 or 7 && request.Path.EndsWith(Marker, StringComparison.OrdinalIgnoreCase);

    public ArmReply List(ArmRequest request)
    {
        var scope = request.Path[..^Marker.Length];
        var filter = request.Query("$filter")?.Trim();
        Func<string, JsonObject, bool>? keep = filter switch
        {
            null => (at, _) => Applies(scope, at) || ResourceId.IsWithin(at, scope),
            _ when filter.Equals("atScope()", StringComparison.OrdinalIgnoreCase) => (at, _) => Applies(scope, at),
            _ when filter.Equals("atExactScope()", StringComparison.OrdinalIgnoreCase) => (at, _) => string.Equals(at, scope, StringComparison.OrdinalIgnoreCase),
            _ when filter.Equals("excludeExpired()", StringComparison.OrdinalIgnoreCase) => (at, e) => (Applies(scope, at) || ResourceId.IsWithin(at, scope)) && !Expired(e),
            _ when ByAssignment.Match(filter) is { Success: true } m => (at, e) => (Applies(scope, at) || ResourceId.IsWithin(at, scope))
                && string.Equals((string?)e["properties"]?["policyAssignmentId"], m.Groups["id"].Value, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
        if (keep == null)
            return ArmErrors.InvalidRequest("InvalidQueryParameterValue",
                $"The $filter '{filter}' is not valid. Valid values are 'atScope()', 'atExactScope()', 'excludeExpired()' or 'policyAssignmentId eq '{{value}}''.");
        var exemptions = _scenario.OfType("Microsoft.Authorization/policyExemptions")
            .Where(e => keep(ScopeOf((string)e["id"]!), e)).ToList();
        return Paging.Page(request, exemptions);
    }

    /// <summary>An exemption at this scope or above it (a parent group, the subscription, a management group).</summary>
    private static bool Applies(string scope, string exemptionScope)
        => ResourceId.IsWithin(scope, exemptionScope) || exemptionScope.StartsWith("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase);

    private static bool Expired(JsonObject exemption)
        => DateTimeOffset.TryParse((string?)exemption["properties"]?["expiresOn"], out var at) && at <= DateTimeOffset.UtcNow;

    private static string ScopeOf(string id) => id[..id.IndexOf(Marker + "/", StringComparison.OrdinalIgnoreCase)];
}
