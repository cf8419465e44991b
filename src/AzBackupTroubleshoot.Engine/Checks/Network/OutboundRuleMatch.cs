using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Checks.Network
{
    /// <summary>
    /// Evaluates one NSG the way Azure does for one connection: outbound TCP from the VM's address to Azure Storage
    /// on port 443. Rules (custom and default) are taken by priority; the first that matches decides.
    /// </summary>
    internal sealed class OutboundRuleMatch
    {
        private readonly string _region;
        private readonly IPAddress? _sourceIp;
        private readonly IReadOnlyList<string> _sourceAsgIds;

        /// <param name="region">The VM's region: regional service tags (Storage.westeurope) count only for it.</param>
        /// <param name="sourceIp">The NIC's private address, for rules whose source is a CIDR.</param>
        /// <param name="sourceAsgIds">The application security groups of the NIC's IP configuration.</param>
        public OutboundRuleMatch(string? region, string? sourceIp, IReadOnlyList<string> sourceAsgIds)
        {
            _region = region ?? "";
            _sourceIp = IPAddress.TryParse(sourceIp ?? "", out var ip) ? ip : null;
            _sourceAsgIds = sourceAsgIds;
        }

        public const int Port = 443;

        /// <summary>The deciding rule of this NSG with its priority and access, or null when no rule matches (Azure then allows).</summary>
        public JsonElement? DecidingRule(JsonElement nsg) => Walk(nsg).Deciding;

        /// <summary>
        /// The deciding rule, and the rules of higher priority that match the connection except that their destination
        /// is a list of IP ranges: whether those ranges hold the region's Storage addresses cannot be told from ARM.
        /// </summary>
        public (JsonElement? Deciding, IReadOnlyList<JsonElement> RangedBefore) Walk(JsonElement nsg)
        {
            var ranged = new List<JsonElement>();
            var rules = nsg.Array("properties.securityRules").Concat(nsg.Array("properties.defaultSecurityRules"))
                .Where(r => Is(r.Str("properties.direction"), "Outbound"))
                .OrderBy(r => r.Long("properties.priority") ?? long.MaxValue);
            foreach (var rule in rules)
            {
                if (!MatchesApartFromDestination(rule)) continue;
                if (DestinationCoversStorage(rule)) return (rule, ranged);
                if (DestinationIsIpRanges(rule)) ranged.Add(rule);
            }
            return (null, ranged);
        }

        private bool MatchesApartFromDestination(JsonElement rule)
            => ProtocolMatches(rule.Str("properties.protocol"))
            && AnyPortMatches(rule, "destinationPortRange", "destinationPortRanges", Port)
            && SourcePortIsAny(rule)
            && SourceCoversVm(rule);

        /// <summary>Every destination is an address or CIDR (not a service tag): "20.38.0.0/16", "52.239.0.0/16".</summary>
        private static bool DestinationIsIpRanges(JsonElement rule)
        {
            var prefixes = Values(rule, "destinationAddressPrefix", "destinationAddressPrefixes").ToList();
            return prefixes.Count > 0 && prefixes.All(p => IPAddress.TryParse(p.Split('/')[0], out _));
        }

        private static bool ProtocolMatches(string? protocol) => protocol == null || protocol == "*" || Is(protocol, "Tcp") || Is(protocol, "Any");

        private static bool AnyPortMatches(JsonElement rule, string single, string list, int port)
            => Values(rule, single, list).Any(p => PortMatches(p, port));

        /// <summary>The connection's source port is ephemeral: only a rule open to any source port is sure to match it.</summary>
        private static bool SourcePortIsAny(JsonElement rule)
        {
            var ports = Values(rule, "sourcePortRange", "sourcePortRanges").ToList();
            return ports.Count == 0 || ports.Any(p => p == "*" || p == "0-65535");
        }

        private static bool PortMatches(string range, int port)
        {
            if (range == "*") return true;
            var dash = range.IndexOf('-');
            if (dash < 0) return int.TryParse(range, out var single) && single == port;
            return int.TryParse(range.Substring(0, dash), out var low) && int.TryParse(range.Substring(dash + 1), out var high) && low <= port && port <= high;
        }

        /// <summary>
        /// Destinations that include the region's Azure Storage addresses. Specific CIDRs other than 0.0.0.0/0 are not
        /// judged: whether they hold Storage's addresses is not knowable from ARM.
        /// </summary>
        private bool DestinationCoversStorage(JsonElement rule)
        {
            var prefixes = Values(rule, "destinationAddressPrefix", "destinationAddressPrefixes").ToList();
            return prefixes.Any(p => p == "*" || p == "0.0.0.0/0" || Is(p, "Internet") || Is(p, "AzureCloud") || Is(p, "Storage")
                                     || Is(p, "AzureCloud." + _region) || Is(p, "Storage." + _region));
        }

        private bool SourceCoversVm(JsonElement rule)
        {
            var asgs = rule.Array("properties.sourceApplicationSecurityGroups").Select(a => a.Str("id")).ToList();
            if (asgs.Any(a => _sourceAsgIds.Any(n => ArmIds.Same(n, a)))) return true;
            var prefixes = Values(rule, "sourceAddressPrefix", "sourceAddressPrefixes").ToList();
            if (prefixes.Count == 0) return asgs.Count == 0;
            return prefixes.Any(p => p == "*" || Is(p, "VirtualNetwork") || InCidr(p));
        }

        private bool InCidr(string prefix)
        {
            if (_sourceIp == null) return false;
            var slash = prefix.IndexOf('/');
            var bits = slash < 0 ? 32 : int.TryParse(prefix.Substring(slash + 1), out var b) ? b : -1;
            if (!IPAddress.TryParse(slash < 0 ? prefix : prefix.Substring(0, slash), out var network) || bits < 0 || bits > 32) return false;
            var a = _sourceIp.GetAddressBytes();
            var n = network.GetAddressBytes();
            if (a.Length != 4 || n.Length != 4) return false;
            var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
            return (ToUint(a) & mask) == (ToUint(n) & mask);
        }

        private static uint ToUint(byte[] b) => (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);

        /// <summary>A rule's value from its single-valued property and its list property (ARM uses one or the other).</summary>
        private static IEnumerable<string> Values(JsonElement rule, string single, string list)
        {
            if (rule.Str("properties." + single) is string s && s.Length > 0) yield return s;
            foreach (var v in rule.Array("properties." + list))
                if (v.ValueKind == JsonValueKind.String && v.GetString() is string item) yield return item;
        }

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
