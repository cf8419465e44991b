using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>ARM's error answers: {"error":{"code","message"}} with the status ARM uses for each.</summary>
internal static class ArmErrors
{
    public static ArmReply Error(int status, string code, string message)
        => ArmReply.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status);

    public static ArmReply Unauthenticated()
        => Error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or does not carry a bearer token.");

    public static ArmReply MissingApiVersion()
        => Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");

    public static ArmReply SubscriptionNotFound(string subscriptionId)
        => Error(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");

    public static ArmReply ResourceGroupNotFound(string resourceGroup)
        => Error(404, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");

    public static ArmReply ResourceNotFound(string type, string name, string? resourceGroup)
        => Error(404, "ResourceNotFound", resourceGroup == null
            ? $"The Resource '{type}/{name}' was not found."
            : $"The Resource '{type}/{name}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    /// <summary>Worded like ARM's: it names the action and the scope that were refused.</summary>
    public static ArmReply AuthorizationFailed(string action, string scope)
        => Error(403, "AuthorizationFailed",
            $"The client 'emulator-user@contoso.example' with object id '00000000-0000-0000-0000-00000000e1e1' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    public static ArmReply ScopeLocked(string scope, string operation, string lockedScopes)
        => Error(409, "ScopeLocked",
            $"The scope '{scope}' cannot perform {operation} operation because following scope(s) are locked: {lockedScopes}. Please remove the lock and try again.");

    public static ArmReply Throttled(int retryAfterSeconds)
        => Error(429, "TooManyRequests", "The request is being throttled as the limit has been reached for operation type. Please retry after the time given in Retry-After.")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ArmReply NotImplemented(string method, string path)
        => Error(501, "NotImplementedInEmulator", $"The ARM emulator does not implement {method} {path}.");

    /// <summary>What ARM answers to $expand=instanceView on a VM list without a scale set $filter (as clients have recorded it).</summary>
    public static ArmReply ExpandInstanceViewWithoutFilter()
        => Error(400, "BadRequest", "Expand Instance View is only supported when Virtual Machine Scale Set resource filter is applied.");

    public static ArmReply InvalidRequest(string code, string message) => Error(400, code, message);
}
