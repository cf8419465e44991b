using System.Management.Automation;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.PowerShell.Errors
{
    /// <summary>The engine's kinds of scope failure in PowerShell's terms. The one mapping every cmdlet uses.</summary>
    internal static class ScopeErrorCategory
    {
        public static ErrorCategory From(ScopeErrorKind kind) => kind switch
        {
            ScopeErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ScopeErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ScopeErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ScopeErrorKind.Throttled => ErrorCategory.LimitsExceeded,
            ScopeErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            ScopeErrorKind.OperationFailed => ErrorCategory.InvalidOperation,
            ScopeErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
