using System;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>ARM resource id parsing and comparison. Ids compare case-insensitively, as ARM does.</summary>
    public static class ArmIds
    {
        private static readonly Regex VmIdPattern = new Regex(
            @"^/subscriptions/(?<sub>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/resourceGroups/(?<rg>[-\w\._\(\)]{1,90})/providers/Microsoft\.Compute/virtualMachines/(?<vm>[^/?#\s]{1,64})/?\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool Same(string? a, string? b) => string.Equals(a?.TrimEnd('/'), b?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        public static bool IsSubscriptionId(string? value) => Identifiers.IsSubscriptionId(value);

        /// <summary>
        /// Parses a VM resource id a user gave; throws an InvalidInput <see cref="Errors.AzbtException"/>
        /// (InvalidResourceId, ...) with an actionable message when it is not one (see <see cref="Identifiers"/>).
        /// </summary>
        public static VmId ParseVmId(string? id) => Identifiers.VmId(id);

        /// <summary>A quick test for ids that come from ARM itself; user input goes through <see cref="ParseVmId"/>.</summary>
        public static bool TryParseVmId(string? id, out VmId vmId)
        {
            var match = id == null ? null : VmIdPattern.Match(id.Trim());
            vmId = match != null && match.Success ? new VmId(match.Groups["sub"].Value, match.Groups["rg"].Value, match.Groups["vm"].Value) : default;
            return match != null && match.Success;
        }

        /// <summary>The subscription guid in any ARM id, or null.</summary>
        public static string? SubscriptionOf(string id) => Segment(id, "subscriptions");

        /// <summary>The resource group name in any ARM id, or null.</summary>
        public static string? ResourceGroupOf(string id) => Segment(id, "resourceGroups");

        /// <summary>The last segment of an id: the resource's name.</summary>
        public static string NameOf(string id) => id.TrimEnd('/').Substring(id.TrimEnd('/').LastIndexOf('/') + 1);

        public static string ResourceGroupId(string subscriptionId, string resourceGroup) => $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";

        private static string? Segment(string id, string key)
        {
            var parts = id.Split('/');
            for (var i = 0; i < parts.Length - 1; i++)
                if (string.Equals(parts[i], key, StringComparison.OrdinalIgnoreCase)) return parts[i + 1];
            return null;
        }
    }

    public readonly struct VmId
    {
        public VmId(string subscriptionId, string resourceGroup, string name)
        {
            SubscriptionId = subscriptionId;
            ResourceGroup = resourceGroup;
            Name = name;
        }

        public string SubscriptionId { get; }
        public string ResourceGroup { get; }
        public string Name { get; }
        public override string ToString() => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{Name}";
    }
}
