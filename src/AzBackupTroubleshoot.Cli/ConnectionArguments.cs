using System;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>The connection options every command shares, turned into <see cref="ArmConnectionOptions"/>.</summary>
    public static class ConnectionArguments
    {
        public static readonly string[] Names = { "environment", "endpoint", "access-token", "client-id", "tenant", "pin-sha256", "concurrency" };
        public static readonly string[] FlagNames = { "managed-identity" };

        /// <summary>The token may also come from AZBT_ACCESS_TOKEN, which keeps it out of the process list and shell history.</summary>
        public const string TokenVariable = "AZBT_ACCESS_TOKEN";

        public static ArmConnectionOptions From(CliArguments args)
        {
            var options = new ArmConnectionOptions();
            if (args.One("environment") is string env) options.Environment = env;
            if (args.One("endpoint") is string endpoint)
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                    throw new UsageException($"--endpoint must be an absolute https URL, not '{endpoint}'.");
                options.Endpoint = uri;
            }
            var token = args.One("access-token") ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (!string.IsNullOrWhiteSpace(token))
            {
                options.Credential = CredentialKind.AccessToken;
                options.AccessToken = token;
            }
            else if (args.Flag("managed-identity"))
            {
                options.Credential = CredentialKind.ManagedIdentity;
            }
            options.ManagedIdentityClientId = args.One("client-id");
            options.TenantId = args.One("tenant");
            options.PinnedCertificateSha256 = args.One("pin-sha256");
            if (args.One("concurrency") is string c)
            {
                if (!int.TryParse(c, out var n) || n < 1 || n > 64) throw new UsageException("--concurrency must be a number from 1 to 64.");
                options.MaxConcurrency = n;
            }
            return options;
        }
    }
}
