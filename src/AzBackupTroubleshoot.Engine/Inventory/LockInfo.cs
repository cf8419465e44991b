using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>A management lock, and the scope it was read at (subscription, resource group or resource).</summary>
    public sealed class LockInfo
    {
        public LockInfo(JsonElement json)
        {
            Json = json;
            Id = json.Id();
            Name = json.Str("name") ?? ArmIds.NameOf(Id);
            Level = json.Str("properties.level") ?? "NotSpecified";
            Notes = json.Str("properties.notes");
            var marker = Id.IndexOf("/providers/Microsoft.Authorization/locks/", System.StringComparison.OrdinalIgnoreCase);
            Scope = marker > 0 ? Id.Substring(0, marker) : "";
        }

        public string Id { get; }
        public string Name { get; }
        /// <summary>CanNotDelete or ReadOnly.</summary>
        public string Level { get; }
        public string? Notes { get; }
        /// <summary>The id of the scope the lock sits on: "/subscriptions/x", ".../resourceGroups/y" or a resource id.</summary>
        public string Scope { get; }
        public JsonElement Json { get; }

        public bool IsOnSubscription => ArmIds.ResourceGroupOf(Scope) == null;

        /// <summary>True when this lock constrains the given scope: it sits on it or on one of its parents.</summary>
        public bool Covers(string scopeId)
            => scopeId.StartsWith(Scope.TrimEnd('/') + "/", System.StringComparison.OrdinalIgnoreCase) || ArmIds.Same(scopeId, Scope);
    }
}
