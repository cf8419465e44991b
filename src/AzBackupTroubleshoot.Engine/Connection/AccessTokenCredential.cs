using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AzBackupTroubleshoot.Connection
{
    /// <summary>A credential over a token the caller already has. The token is never written anywhere.</summary>
    internal sealed class AccessTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public AccessTokenCredential(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The access token is empty.", nameof(token));
            // The real expiry is unknown here; Azure.Core only uses it to decide when to ask again.
            _token = new AccessToken(token.Trim(), DateTimeOffset.UtcNow.AddHours(1));
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => new ValueTask<AccessToken>(_token);

        public override string ToString() => "AccessTokenCredential(***)";
    }
}
