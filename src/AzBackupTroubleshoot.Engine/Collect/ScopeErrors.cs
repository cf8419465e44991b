using System;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>Turns ARM failures into scope errors whose ErrorId keeps ARM's own error code (as azure-powershell does).</summary>
    internal static class ScopeErrors
    {
        public static ScopeErrorEvent From(string scope, Exception error, string whatFailed)
        {
            if (error is ArmRequestFailedException arm)
            {
                var kind = arm.Status switch
                {
                    401 or 403 => ScopeErrorKind.PermissionDenied,
                    404 => ScopeErrorKind.NotFound,
                    429 => ScopeErrorKind.Throttled,
                    400 => ScopeErrorKind.InvalidArgument,
                    0 => ScopeErrorKind.ConnectionError,
                    _ => ScopeErrorKind.OperationFailed,
                };
                var advice = kind switch
                {
                    ScopeErrorKind.PermissionDenied => " Grant the identity at least the Reader role on this scope (Backup Reader on the vaults), or leave the scope out.",
                    ScopeErrorKind.Throttled => " ARM kept throttling after several retries; run the scan again later or on a smaller scope.",
                    ScopeErrorKind.ConnectionError => " Check the network path to the ARM endpoint and the -Environment/-ArmEndpoint setting.",
                    _ => "",
                };
                return new ScopeErrorEvent(scope, arm.ErrorCode ?? $"Http{arm.Status}", kind, $"{whatFailed} for {scope}: {arm.Message}{advice}");
            }
            if (error is OperationCanceledException) throw error;
            return new ScopeErrorEvent(scope, "CollectionFailed", ScopeErrorKind.OperationFailed, $"{whatFailed} for {scope}: {error.Message}");
        }
    }
}
