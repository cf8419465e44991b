using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>
    /// Where ARM is and who we are there: the options every command that talks to ARM has, declared here once.
    /// A command adds them with <see cref="AddTo"/> and opens its connection with <see cref="OpenAsync"/>.
    /// </summary>
    public sealed class ConnectionOptions
    {
        /// <summary>The token may also come from this variable, which keeps it out of the process list and shell history.</summary>
        public const string TokenVariable = "AZBT_ACCESS_TOKEN";

        private static readonly string[] Environments = { "AzureCloud", "AzureUSGovernment", "AzureChinaCloud" };
        private static readonly string[] EnvironmentAliases = { "AzurePublicCloud", "Public", "UsGov", "China" };

        public Option<string> Scenario { get; } = OptionKit.Text("--scenario", "start a local ARM emulator serving this scenario file and talk to it (no Azure needed)", "file");

        public Option<string> Environment { get; } = new Option<string>("--environment")
        {
            Description = "the Azure cloud: AzureCloud (default), AzureUSGovernment or AzureChinaCloud; ignored with --endpoint",
            HelpName = "cloud",
            CustomParser = result =>
            {
                var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                var known = Environments.Concat(EnvironmentAliases).FirstOrDefault(e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase));
                if (known != null) return known;
                result.AddError($"--environment must be AzureCloud, AzureUSGovernment or AzureChinaCloud, not '{OptionKit.Shown(value)}'.");
                return null;
            },
        };

        public Option<Uri> Endpoint { get; } = new Option<Uri>("--endpoint")
        {
            Description = "an ARM endpoint of your own, e.g. an emulator started with 'azbt emulator'",
            HelpName = "https url",
            CustomParser = result =>
            {
                var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Query.Length == 0 && uri.Fragment.Length == 0)
                    return uri;
                result.AddError($"--endpoint must be an absolute https URL without query, not '{OptionKit.Shown(value)}'.");
                return null;
            },
        };

        public Option<string> AccessToken { get; } = OptionKit.Text("--access-token",
            $"a bearer token you already have; other users can see it in the process list: prefer --access-token-file or {TokenVariable}", "token");

        public Option<string> AccessTokenFile { get; } = OptionKit.Text("--access-token-file",
            "read the bearer token from this file, or from standard input with '-'", "path|-");

        public Option<bool> ManagedIdentity { get; } = OptionKit.Flag("--managed-identity", "sign in with the machine's managed identity (with --client-id for a user-assigned one)");

        public Option<string> ClientId { get; } = OptionKit.Text("--client-id", "client id of a user-assigned managed identity", "id");

        public Option<string> Tenant { get; } = OptionKit.Text("--tenant", "the tenant to sign in to", "id");

        public Option<string> PinSha256 { get; } = OptionKit.Text("--pin-sha256", "trust only the certificate with this SHA-256 (a loopback --endpoint only: the local emulator)", "hex");

        public Option<int?> Concurrency { get; } = OptionKit.Number("--concurrency", "ARM requests in flight (default 8)", 1, 64);

        public Option<int?> NetworkTimeout { get; } = OptionKit.Number("--network-timeout", "seconds to wait for one ARM answer before it counts as failed (default 100)", 1, 3600);

        public Option<int?> ConnectionRetries { get; } = OptionKit.Number("--connection-retries",
            "retries of a request that got no answer: refused, DNS, TLS, reset, timeout (default 1; throttling and 5xx keep their own retries)", 0, 10);

        public ConnectionOptions() => Environment.CompletionSources.Add(Environments);

        public Option[] All => new Option[] { Scenario, Environment, Endpoint, AccessToken, AccessTokenFile, ManagedIdentity, ClientId, Tenant, PinSha256, Concurrency, NetworkTimeout, ConnectionRetries };

        public void AddTo(Command command)
        {
            foreach (var option in All)
                command.Add(option);
            OptionKit.OneAtMost(command, "--scenario starts its own emulator; do not combine it with --endpoint.", Scenario, Endpoint);
            OptionKit.OneAtMost(command, "Give one of --access-token, --access-token-file or --managed-identity.", AccessToken, AccessTokenFile, ManagedIdentity);
            Scenario.Validators.Add(result =>
            {
                var path = result.GetValueOrDefault<string>();
                if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path)) result.AddError($"Scenario file '{OptionKit.Shown(path)}' does not exist.");
            });
            PinSha256.Validators.Add(result =>
            {
                var pin = (result.GetValueOrDefault<string>() ?? "").Replace(":", "");
                if (pin.Length != 64 || !pin.All(Uri.IsHexDigit)) result.AddError("--pin-sha256 must be the 64 hex digits of a SHA-256 certificate hash.");
            });
            command.Validators.Add(result =>
            {
                if (!OptionKit.Given(result, PinSha256)) return;
                var endpoint = result.GetValue(Endpoint);
                if (endpoint == null || !IsLoopback(endpoint))
                    result.AddError("--pin-sha256 is only for a loopback --endpoint (the local emulator); a real ARM endpoint is checked by the system's certificate store.");
            });
        }

        /// <summary>
        /// The options a suggested follow-up command (a repair's --dry-run) needs to reach the same ARM: the scenario or
        /// a non-default cloud. Never a token, which must not be printed.
        /// </summary>
        public string ForNextCommand(ParseResult parse)
            => parse.GetValue(Scenario) is string scenario ? "--scenario " + scenario
             : parse.GetValue(Environment) is string cloud && cloud != "AzureCloud" ? "--environment " + cloud : "";

        /// <summary>The connection the options describe: the emulator of --scenario, or ARM with the chosen credential.</summary>
        public async Task<ArmSession> OpenAsync(ParseResult parse, CliConsole console)
        {
            var options = new ArmConnectionOptions { Environment = parse.GetValue(Environment) ?? "AzureCloud", Endpoint = parse.GetValue(Endpoint) };
            var token = ReadToken(parse, console);
            if (token != null)
            {
                options.Credential = CredentialKind.AccessToken;
                options.AccessToken = token;
            }
            else if (parse.GetValue(ManagedIdentity))
            {
                options.Credential = CredentialKind.ManagedIdentity;
            }
            options.ManagedIdentityClientId = parse.GetValue(ClientId);
            options.TenantId = parse.GetValue(Tenant);
            options.PinnedCertificateSha256 = parse.GetValue(PinSha256);
            if (parse.GetValue(Concurrency) is int n) options.MaxConcurrency = n;
            if (parse.GetValue(NetworkTimeout) is int seconds) options.NetworkTimeout = TimeSpan.FromSeconds(seconds);
            if (parse.GetValue(ConnectionRetries) is int retries) options.ConnectionRetries = retries;
            return await ArmSession.OpenAsync(options, parse.GetValue(Scenario)).ConfigureAwait(false);
        }

        private string? ReadToken(ParseResult parse, CliConsole console)
        {
            if (parse.GetValue(AccessTokenFile) is string path)
            {
                string text;
                try
                {
                    text = path == "-" ? console.In.ReadToEnd() : File.ReadAllText(path);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw ErrorReport.InvalidInput($"--access-token-file: cannot read '{OptionKit.Shown(path)}'.", "AccessTokenFileUnreadable");
                }
                var token = text.Trim();
                if (token.Length == 0) throw ErrorReport.InvalidInput(path == "-" ? "--access-token-file -: standard input held no token." : $"--access-token-file: '{OptionKit.Shown(path)}' holds no token.");
                return token;
            }
            var given = parse.GetValue(AccessToken) ?? System.Environment.GetEnvironmentVariable(TokenVariable);
            return string.IsNullOrWhiteSpace(given) ? null : given;
        }

        private static bool IsLoopback(Uri endpoint)
            => endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
