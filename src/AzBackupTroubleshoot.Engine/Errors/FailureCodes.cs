namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// Our own stable codes, used when ARM gave none. Scripts and docs match on these (docs/module.md lists them).
    /// </summary>
    public static class FailureCodes
    {
        // Connection
        public const string ConnectionRefused = "ConnectionRefused";
        public const string ConnectionReset = "ConnectionReset";
        public const string HostNotFound = "HostNotFound";
        public const string TlsHandshakeFailed = "TlsHandshakeFailed";
        public const string CertificatePinMismatch = "CertificatePinMismatch";
        public const string Timeout = "Timeout";
        public const string NetworkError = "NetworkError";

        // Authentication
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string CredentialUnavailable = "CredentialUnavailable";
        public const string InvalidAccessToken = "InvalidAccessToken";

        // Input
        public const string InvalidInput = "InvalidInput";
        public const string InvalidSubscriptionId = "InvalidSubscriptionId";
        public const string InvalidResourceGroupName = "InvalidResourceGroupName";
        public const string InvalidResourceId = "InvalidResourceId";
        public const string InvalidConnectionParameters = "InvalidConnectionParameters";
        public const string InvalidRestoreRequest = "InvalidRestoreRequest";
        public const string InvalidScenario = "InvalidScenario";

        // Service
        public const string InvalidJson = "InvalidJson";
        public const string EmptyResponse = "EmptyResponse";
        public const string PagingLoop = "PagingLoop";
        public const string GraphRowsOutOfOrder = "GraphRowsOutOfOrder";
        public const string InvalidNextLink = "InvalidNextLink";
        public const string UnexpectedRedirect = "UnexpectedRedirect";
        public const string OperationTimedOut = "OperationTimedOut";
        public const string UnexpectedError = "UnexpectedError";

        // Refused by a safety rule
        public const string ForeignHost = "ForeignHost";

        public const string Cancelled = "Cancelled";
    }
}
