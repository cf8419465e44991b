using System;

namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// A failure as the fronts show it: a <see cref="FailureKind"/>, a stable <see cref="Code"/> (ARM's error code when
    /// ARM gave one, else one of <see cref="FailureCodes"/>), the <see cref="Target"/> it is about, and a one-line,
    /// actionable message with no stack frame, exception type name, HTTP dump or token.
    /// Build one with <see cref="FailureClassifier"/> from whatever was thrown, or directly where the engine decides.
    /// </summary>
    public sealed class AzbtException : Exception
    {
        public AzbtException(FailureKind kind, string code, string message, string? target = null, Exception? innerException = null)
            : base(FailureText.OneLine(message), innerException)
        {
            Kind = kind;
            Code = string.IsNullOrWhiteSpace(code) ? kind.ToString() : code;
            Target = target;
        }

        public FailureKind Kind { get; }

        /// <summary>ARM's error code (ResourceNotFound, AuthorizationFailed, InvalidAuthenticationTokenTenant, ...) or ours.</summary>
        public string Code { get; }

        /// <summary>The resource id or input value the failure is about, when known.</summary>
        public string? Target { get; }

        /// <summary>HTTP status of ARM's answer; 0 when none came back or no request was made.</summary>
        public int Status { get; init; }

        /// <summary>The same failure about another target (the classifier fills in a target the thrower did not know).</summary>
        public AzbtException WithTarget(string? target)
            => target == null || Target != null ? this : new AzbtException(Kind, Code, Message, target, InnerException) { Status = Status };
    }
}
