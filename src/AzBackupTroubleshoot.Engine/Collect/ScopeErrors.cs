using System;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>Turns ARM failures into scope errors whose ErrorId keeps ARM's own error code (as azure-powershell does).</summary>
    internal static class ScopeErrors
    {
        /// <summary>
        /// Whether a failed read leaves the scan going with that part of the scope reported as not read (an ARM error
        /// answer, a list ARM answered with something unusable). A failure that would hit every read the same way (no
        /// connection, no usable token, a safety refusal, cancellation) is not: it ends the scan with its own kind.
        /// </summary>
        public static bool IsPartial(Exception error) => error switch
        {
            ArmRequestFailedException arm => arm.Status != 0,
            AzbtException azbt => azbt.Kind is FailureKind.ServiceError or FailureKind.NotFound or FailureKind.Throttled
                or FailureKind.Authorization or FailureKind.InvalidInput or FailureKind.Conflict,
            _ => false,
        };

        public static ScopeErrorEvent From(string scope, Exception error, string whatFailed)
        {
            if (error is ArmRequestFailedException arm)
            {
                var kind = arm.Status switch
                {
                    401 => ScopeErrorKind.AuthenticationError,
                    403 => ScopeErrorKind.PermissionDenied,
                    404 => ScopeErrorKind.NotFound,
                    429 => ScopeErrorKind.Throttled,
                    400 => ScopeErrorKind.InvalidArgument,
                    0 => ScopeErrorKind.ConnectionError,
                    _ => ScopeErrorKind.OperationFailed,
                };
                return new ScopeErrorEvent(scope, arm.ErrorCode ?? $"Http{arm.Status}", kind, $"{whatFailed} for {scope}: {arm.Message}{Advice(kind)}");
            }
            if (error is OperationCanceledException) throw error;
            if (error is AzbtException azbt)
            {
                var kind = azbt.Kind switch
                {
                    FailureKind.Authorization => ScopeErrorKind.PermissionDenied,
                    FailureKind.Authentication => ScopeErrorKind.AuthenticationError,
                    FailureKind.NotFound => ScopeErrorKind.NotFound,
                    FailureKind.Throttled => ScopeErrorKind.Throttled,
                    FailureKind.InvalidInput => ScopeErrorKind.InvalidArgument,
                    FailureKind.Connection => ScopeErrorKind.ConnectionError,
                    _ => ScopeErrorKind.OperationFailed,
                };
                return new ScopeErrorEvent(scope, azbt.Code, kind, $"{whatFailed} for {scope}: {azbt.Message}");
            }
            return new ScopeErrorEvent(scope, "CollectionFailed", ScopeErrorKind.OperationFailed, $"{whatFailed} for {scope}: {FailureText.OneLine(error.Message)}");
        }

        private static string Advice(ScopeErrorKind kind) => kind switch
        {
            ScopeErrorKind.AuthenticationError => " ARM did not accept the token for this scope: get one for the tenant that holds it and for ARM's audience"
                + " (az account get-access-token --tenant <id>, Get-AzAccessToken -TenantId <id>), or sign in again.",
            ScopeErrorKind.PermissionDenied => " Grant the identity at least the Reader role on this scope (Backup Reader on the vaults), or leave the scope out.",
            ScopeErrorKind.Throttled => " ARM kept throttling after several retries; run the scan again later or on a smaller scope.",
            ScopeErrorKind.ConnectionError => " Check the network path to the ARM endpoint and the -Environment/-ArmEndpoint setting.",
            _ => "",
        };
    }
}
