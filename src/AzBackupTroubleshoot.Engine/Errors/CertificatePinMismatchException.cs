using System.Security.Authentication;

namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// Thrown by the pinned transport's certificate check so the classifier can tell "not the pinned certificate" from
    /// any other TLS failure. An AuthenticationException, so the TLS stack treats it as the handshake failing.
    /// </summary>
    public sealed class CertificatePinMismatchException : AuthenticationException
    {
        public CertificatePinMismatchException(string host)
            : base($"The certificate of {host} does not match the pinned SHA-256.") => Host = host;

        public string Host { get; }
    }
}
