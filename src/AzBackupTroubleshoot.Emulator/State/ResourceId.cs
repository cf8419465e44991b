using System;

namespace AzBackupTroubleshoot.Emulator.State;

/// <summary>Pieces of ARM ids and paths. ARM compares ids case-insensitively; so does everything here.</summary>
internal static class ResourceId
{
    public const string LockMarker = "/providers/Microsoft.Authorization/locks";

    /// <summary>The dictionary key for an id: lower case, no trailing slash.</summary>
    public static string Key(string id) => id.TrimEnd('/').ToLowerInvariant();

    public static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static string? SubscriptionOf(string id) => After(id, "subscriptions");

    public static string? ResourceGroupOf(string id) => After(id, "resourceGroups");

    public static string NameOf(string id)
    {
        var trimmed = id.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>The id without its last <paramref name="count"/> segments.</summary>
    public static string Parent(string id, int count = 2)
    {
        var trimmed = id.TrimEnd('/');
        for (var i = 0; i < count; i++)
        {
            var slash = trimmed.LastIndexOf('/');
            if (slash <= 0) return "";
            trimmed = trimmed[..slash];
        }
        return trimmed;
    }

    public static string SubscriptionId(string subscriptionId) => "/subscriptions/" + subscriptionId;

    public static string ResourceGroupId(string subscriptionId, string resourceGroup) => $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";

    /// <summary>True when <paramref name="id"/> is <paramref name="scope"/> or lies beneath it.</summary>
    public static bool IsWithin(string id, string scope)
    {
        var s = scope.TrimEnd('/');
        var i = id.TrimEnd('/');
        return string.Equals(i, s, StringComparison.OrdinalIgnoreCase)
            || i.StartsWith(s + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The scope a lock sits on: its id up to "/providers/Microsoft.Authorization/locks".</summary>
    public static string LockScope(string lockId)
    {
        var marker = lockId.IndexOf(LockMarker + "/", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? "" : lockId[..marker];
    }

    /// <summary>
    /// The resource type an id or path names, as ARM spells it in "type": the namespace after the last "providers"
    /// segment and every second segment after it ("Microsoft.Compute/virtualMachines/extensions").
    /// Subscriptions and resource groups are Microsoft.Resources types.
    /// </summary>
    public static string TypeOf(string path)
    {
        var segments = Segments(path);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (providers < 0 || providers + 1 >= segments.Length)
            return segments.Length > 2 ? "Microsoft.Resources/subscriptions/resourceGroups" : "Microsoft.Resources/subscriptions";
        var type = segments[providers + 1];
        for (var i = providers + 2; i < segments.Length; i += 2) type += "/" + segments[i];
        return type;
    }

    private static string? After(string id, string key)
    {
        var parts = id.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
            if (parts[i].Equals(key, StringComparison.OrdinalIgnoreCase)) return parts[i + 1];
        return null;
    }
}
