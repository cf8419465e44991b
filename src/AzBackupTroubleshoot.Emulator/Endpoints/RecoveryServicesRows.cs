using System;
using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// What Resource Graph's RecoveryServicesResources rows hold that ARM's resources do not (docs/emulator.md cites the
/// sources): a protected item's properties add currentProtectionState and dataSourceInfo (resourceID,
/// resourceLocation), and a backup policy's id is in lower case. Jobs are ARM's.
/// </summary>
internal static class RecoveryServicesRows
{
    public const string ProtectedItemType = "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems";
    public const string PolicyType = "microsoft.recoveryservices/vaults/backuppolicies";

    /// <param name="row">The projected row (its values are copies).</param>
    /// <param name="find">A scenario resource by id, or null.</param>
    public static void Shape(JsonObject row, string type, Func<string, JsonNode?> find)
    {
        if (type == PolicyType && (string?)row["id"] is string id) row["id"] = id.ToLowerInvariant();
        if (type != ProtectedItemType || row["properties"] is not JsonObject properties) return;
        properties["currentProtectionState"] = CurrentProtectionState(properties);
        if ((string?)properties["sourceResourceId"] is string source)
            properties["dataSourceInfo"] = new JsonObject { ["resourceID"] = source, ["resourceLocation"] = (string?)find(source)?["location"] };
    }

    /// <summary>
    /// Microsoft documents the values (ConfiguringProtection, ProtectionConfigured, ConfiguringProtectionFailed,
    /// ProtectionStopped, SoftDeleted, ProtectionError), not how they follow from ARM's protectionState: this mapping is ours.
    /// </summary>
    private static string? CurrentProtectionState(JsonObject properties)
    {
        if ((bool?)properties["isScheduledForDeferredDelete"] == true) return "SoftDeleted";
        var state = (string?)properties["protectionState"];
        return state switch
        {
            "IRPending" => "ConfiguringProtection",
            "Protected" => "ProtectionConfigured",
            _ => state, // ProtectionError and ProtectionStopped are the same word in both
        };
    }
}
