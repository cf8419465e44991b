using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>The subscriptions the identity can see: the scope when the user names none.</summary>
    public static class SubscriptionDiscovery
    {
        public static async Task<IReadOnlyList<string>> ListAsync(ArmConnection connection, CancellationToken ct = default)
        {
            var ids = new List<string>();
            await foreach (var sub in connection.Json.ListAsync("/subscriptions", ApiVersions.Subscriptions, null, ct).ConfigureAwait(false))
            {
                if (sub.Str("subscriptionId") is string id && ArmIds.IsSubscriptionId(id)) ids.Add(id);
            }
            return ids;
        }
    }
}
