using System;
using System.Linq;
using System.Text.Json.Nodes;
using AzBackupTroubleshoot.Emulator.Http;
using AzBackupTroubleshoot.Emulator.State;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// Reads under /subscriptions/{s}/providers/{namespace} that are not resources: a provider's registration, the
/// region-scoped lists (usages, vmSizes) and Network's CheckDnsNameAvailability.
/// </summary>
internal sealed class ProviderEndpoints
{
    public const string PublicIpType = "Microsoft.Network/publicIPAddresses";
    private static readonly string[] RegionLists = { "usages", "vmSizes" };

    private readonly Scenario _scenario;

    public ProviderEndpoints(Scenario scenario) => _scenario = scenario;

    /// <summary>GET /subscriptions/{s}/providers/{namespace}.</summary>
    public static bool IsRegistration(ArmRequest request)
        => request.Segments.Length == 4 && request.Segments[2].Equals("providers", StringComparison.OrdinalIgnoreCase);

    /// <summary>GET /subscriptions/{s}/providers/{namespace}/locations/{region}/{usages|vmSizes|CheckDnsNameAvailability}.</summary>
    public static bool IsRegionRead(ArmRequest request)
    {
        var s = request.Segments;
        return s.Length == 7 && s[2].Equals("providers", StringComparison.OrdinalIgnoreCase) && s[4].Equals("locations", StringComparison.OrdinalIgnoreCase)
            && (IsDnsCheck(s) || RegionLists.Any(l => l.Equals(s[6], StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>A stored registration (a resource with this id, e.g. registrationState NotRegistered), else Registered.</summary>
    public ArmReply Registration(ArmRequest request)
    {
        if (_scenario.Find(request.Path) is JsonObject stored) return ArmReply.Json(ResourceJson.Write(stored));
        return ArmReply.Json(new JsonObject
        {
            ["id"] = request.Path,
            ["namespace"] = request.Segments[3],
            ["registrationState"] = "Registered",
            ["resourceTypes"] = new JsonArray(),
        });
    }

    public ArmReply RegionRead(ArmRequest request)
    {
        var s = request.Segments;
        if (IsDnsCheck(s)) return DnsNameAvailability(request, s[5]);

        // Stored items of type "{namespace}/locations/{list}" below this path, written as ARM lists them: without id and type.
        var items = _scenario.OfType($"{s[3]}/locations/{s[6]}")
            .Where(r => ResourceId.IsWithin((string)r["id"]!, request.Path))
            .Select(r =>
            {
                var item = (JsonObject)r.DeepClone();
                item.Remove("id");
                item.Remove("type");
                return item;
            })
            .ToList();
        return Paging.Page(request, items);
    }

    /// <summary>Labels are unique per region across every subscription: taken when any stored public IP there holds it.</summary>
    private ArmReply DnsNameAvailability(ArmRequest request, string region)
    {
        var label = request.Query("domainNameLabel");
        if (string.IsNullOrWhiteSpace(label))
            return ArmErrors.InvalidRequest("MissingDomainNameLabel", "The query parameter 'domainNameLabel' is required.");
        var taken = _scenario.OfType(PublicIpType).Any(ip =>
            string.Equals(Region((string?)ip["location"]), Region(region), StringComparison.Ordinal)
            && string.Equals((string?)ip["properties"]?["dnsSettings"]?["domainNameLabel"], label, StringComparison.OrdinalIgnoreCase));
        return ArmReply.Json(new JsonObject { ["available"] = !taken });
    }

    private static bool IsDnsCheck(string[] s)
        => s[3].Equals("Microsoft.Network", StringComparison.OrdinalIgnoreCase) && s[6].Equals("CheckDnsNameAvailability", StringComparison.OrdinalIgnoreCase);

    private static string Region(string? location) => (location ?? "").Replace(" ", "").ToLowerInvariant();
}
