using System;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Starts the local ARM emulator for --scenario and points the connection at it.</summary>
    public sealed class EmulatorSession : IAsyncDisposable
    {
        /// <summary>The emulator accepts any bearer token; this one only says where it came from.</summary>
        public const string Token = "emulator-token";

        private readonly ArmEmulator? _emulator;

        private EmulatorSession(ArmEmulator? emulator) => _emulator = emulator;

        public static async Task<EmulatorSession> StartIfRequestedAsync(string? scenarioPath, ArmConnectionOptions options)
        {
            if (scenarioPath == null) return new EmulatorSession(null);
            if (options.Endpoint != null) throw new UsageException("--scenario starts its own emulator; do not combine it with --endpoint.");
            var emulator = await ArmEmulator.StartAsync(LoadScenario(scenarioPath)).ConfigureAwait(false);
            options.Endpoint = emulator.Endpoint;
            options.PinnedCertificateSha256 = emulator.CertificateSha256;
            options.Credential = CredentialKind.AccessToken;
            options.AccessToken = Token;
            return new EmulatorSession(emulator);
        }

        public static Scenario LoadScenario(string path)
        {
            if (!System.IO.File.Exists(path)) throw new UsageException($"Scenario file '{path}' does not exist.");
            try
            {
                return Scenario.Load(path);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is FormatException || ex is InvalidOperationException || ex is ArgumentException)
            {
                throw new UsageException($"Scenario file '{path}' is not valid: {ex.Message}");
            }
        }

        public ValueTask DisposeAsync() => _emulator?.DisposeAsync() ?? default;
    }
}
