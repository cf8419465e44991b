using System;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>An open connection to ARM; with --scenario, also the local emulator it talks to (stopped on dispose).</summary>
    public sealed class ArmSession : IAsyncDisposable
    {
        /// <summary>The emulator accepts any bearer token; this one only says where it came from.</summary>
        public const string EmulatorToken = "emulator-token";

        private readonly ArmEmulator? _emulator;

        private ArmSession(ArmConnection connection, ArmEmulator? emulator)
        {
            Connection = connection;
            _emulator = emulator;
        }

        public ArmConnection Connection { get; }

        public static async Task<ArmSession> OpenAsync(ArmConnectionOptions options, string? scenarioPath)
        {
            ArmEmulator? emulator = null;
            if (scenarioPath != null)
            {
                emulator = await ArmEmulator.StartAsync(ScenarioFile.Load(scenarioPath)).ConfigureAwait(false);
                options.Endpoint = emulator.Endpoint;
                options.PinnedCertificateSha256 = emulator.CertificateSha256;
                options.Credential = CredentialKind.AccessToken;
                options.AccessToken = EmulatorToken;
            }
            try
            {
                return new ArmSession(ArmConnection.Create(options), emulator);
            }
            catch
            {
                if (emulator != null) await emulator.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public ValueTask DisposeAsync() => _emulator?.DisposeAsync() ?? default;
    }
}
