using System;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>An ARM call that ended in an error status, with ARM's own error code kept for ErrorIds and matching.</summary>
    public sealed class ArmRequestFailedException : Exception
    {
        public ArmRequestFailedException(int status, string? errorCode, string message, string method, string path)
            : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
            Method = method;
            Path = path;
        }

        /// <summary>HTTP status; 0 when no response came back (network fault).</summary>
        public int Status { get; }
        /// <summary>ARM's error.code, e.g. ResourceNotFound, AuthorizationFailed, ScopeLocked.</summary>
        public string? ErrorCode { get; }
        public string Method { get; }
        /// <summary>The path that was called, without query string.</summary>
        public string Path { get; }

        /// <summary>Which page of a list failed: 0 for a request that is not a list, 1 for a list's first page.</summary>
        public int Page { get; init; }

        /// <summary>404 for the thing itself: not for a later page of a list whose first page was there.</summary>
        public bool IsNotFound => Status == 404 && Page <= 1;
        public bool IsForbidden => Status == 403 || Status == 401;
        public bool IsScopeLocked => Status == 409 && string.Equals(ErrorCode, "ScopeLocked", StringComparison.OrdinalIgnoreCase);
    }
}
