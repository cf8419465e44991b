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
        /// connection, no usable token: a 401 other than "token of another tenant", a safety refusal, cancellation) is
        /// not: it ends the scan with its own kind.
        /// </summary>
        public static bool IsPartial(Exception error) => error switch
        {
            // A 401 is about the token, not the scope, unless ARM says the token is for another tenant than this
            // subscription's (then the other subscriptions may still be read).
            ArmRequestFailedException arm => arm.Status != 0
                && (arm.Status != 401 || string.Equals(arm.ErrorCode, "InvalidAuthenticationTokenTenant", StringComparison.OrdinalIgnoreCase)),
            AzbtException azbt => azbt.Kind is FailureKind.ServiceError or FailureKind.NotFound or FailureKind.Throttled
                or FailureKind.Authorization or FailureKind.InvalidInput or FailureKind.Conflict,
            _ => false,
        };

        /// <summary>
        /// The scope error for a failed read: kind, code (ARM's own when it gave one) and advice all come from
        /// <see cref="FailureClassifier"/>, the one table of HTTP statuses and transport faults.
        /// </summary>
        public static ScopeErrorEvent From(string scope, Exception error, string whatFailed)
        {
            if (error is OperationCanceledException) throw error;
            var failure = FailureClassifier.Classify(error, scope);
            return new ScopeErrorEvent(scope, failure.Code, failure.Kind, $"{whatFailed} for {scope}: {failure.Message}");
        }
    }
}
