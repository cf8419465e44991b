using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>A credential over a token the caller already has. The token is never written anywhere.</summary>
    internal sealed class AccessTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public AccessTokenCredential(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The access token is empty.", nameof(token));
            var trimmed = token.Trim();
            Validate(trimmed);
            // The real expiry is unknown here; Azure.Core only uses it to decide when to ask again.
            _token = new AccessToken(trimmed, DateTimeOffset.UtcNow.AddHours(1));
        }

        /// <summary>
        /// A bearer token is printable ASCII without spaces (RFC 6750's b64token and JWTs both are). Anything else would
        /// end up in the Authorization header as written: a CR/LF would inject a header. Refused before any request;
        /// the message names the position and what is wrong, never the token.
        /// </summary>
        internal static void Validate(string token)
        {
            for (var i = 0; i < token.Length; i++)
            {
                var c = token[i];
                if (c > ' ' && c < '\x7f') continue;
                var what = c == '\r' || c == '\n' ? "a line break"
                    : char.IsControl(c) ? "a control character"
                    : char.IsWhiteSpace(c) ? "a space"
                    : "a non-ASCII character";
                throw new AzbtException(FailureKind.Authentication, FailureCodes.InvalidAccessToken,
                    $"The access token holds {what} at position {i + 1}; an access token is printable ASCII without spaces."
                    + " Pass the token exactly as issued (az account get-access-token --query accessToken -o tsv, or Get-AzAccessToken).",
                    "AccessToken");
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => new ValueTask<AccessToken>(_token);

        public override string ToString() => "AccessTokenCredential(***)";
    }
}
