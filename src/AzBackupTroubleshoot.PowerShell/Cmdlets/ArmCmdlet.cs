using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.PowerShell.Parameters;
using AzBackupTroubleshoot.PowerShell.Progress;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// What every cmdlet that talks to ARM shares: the connection parameters, turning them into a connection,
    /// cancellation on Ctrl+C, and writing the engine's event stream to PowerShell's streams.
    /// </summary>
    public abstract class ArmCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>The Azure cloud. Ignored when -ArmEndpoint is given.</summary>
        [Parameter]
        [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud", IgnoreCase = true)]
        public string Environment { get; set; } = "AzureCloud";

        /// <summary>Any ARM endpoint, e.g. Azure Stack Hub or the local emulator.</summary>
        [Parameter]
        public Uri? ArmEndpoint { get; set; }

        /// <summary>A bearer token for ARM, as a SecureString or a plain string.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? AccessToken { get; set; }

        [Parameter]
        public SwitchParameter UseManagedIdentity { get; set; }

        /// <summary>A user-assigned managed identity's client id.</summary>
        [Parameter]
        public string? ManagedIdentityClientId { get; set; }

        [Parameter]
        public string? TenantId { get; set; }

        /// <summary>The SHA-256 of the one certificate to trust; honoured for loopback endpoints only (the emulator).</summary>
        [Parameter]
        public string? TrustedCertificateSha256 { get; set; }

        /// <summary>Retries of a request that got no answer (refused, DNS, TLS, reset, timeout); 429 and 5xx keep their own.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int? ConnectionRetries { get; set; }

        /// <summary>Seconds one request may wait for ARM's answer (100 when not given).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int? NetworkTimeoutSec { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        /// <summary>Builds the connection from the parameters, or stops the cmdlet with a clear error.</summary>
        protected ArmConnection Connect()
        {
            if (AccessToken != null && UseManagedIdentity)
                ThrowTerminatingError(ErrorRecords.ForConnectionParameters(
                    new ArgumentException("Use either -AccessToken or -UseManagedIdentity, not both.")));
            try
            {
                return ArmConnection.Create(ConnectionOptions());
            }
            catch (Exception error) when (error is ArgumentException || error is AzbtException)
            {
                ThrowTerminatingError(ErrorRecords.ForConnectionParameters(error));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        private ArmConnectionOptions ConnectionOptions()
        {
            var options = new ArmConnectionOptions
            {
                Environment = Environment,
                Endpoint = ArmEndpoint,
                TenantId = TenantId,
                ManagedIdentityClientId = ManagedIdentityClientId,
                PinnedCertificateSha256 = TrustedCertificateSha256,
            };
            if (ConnectionRetries is int retries) options.ConnectionRetries = retries;
            if (NetworkTimeoutSec is int seconds) options.NetworkTimeout = TimeSpan.FromSeconds(seconds);
            if (AccessToken != null)
            {
                options.Credential = CredentialKind.AccessToken;
                options.AccessToken = PlainText(AccessToken);
            }
            else if (UseManagedIdentity)
            {
                options.Credential = CredentialKind.ManagedIdentity;
            }
            return options;
        }

        private static string PlainText(SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>
        /// Adds one input value to what the cmdlet will work on. A bad value becomes a non-terminating error (the engine's
        /// code, such as InvalidResourceId, or <paramref name="errorId"/> when the engine gave only the generic one;
        /// InvalidArgument; the value as target) and the other values go on.
        /// </summary>
        /// <returns>False when the value was rejected.</returns>
        protected bool AddInput(Action add, string errorId, object? input)
        {
            try
            {
                add();
                return true;
            }
            catch (Exception error) when (InvalidInput(error) is AzbtException failure)
            {
                WriteError(ErrorRecords.ForInvalidInput(failure, errorId, input));
                return false;
            }
        }

        /// <summary>Runs one of the engine's rules; the failure when the value breaks it, else null.</summary>
        protected static AzbtException? InvalidInputOf(Action rule)
        {
            try
            {
                rule();
                return null;
            }
            catch (Exception error) when (InvalidInput(error) is AzbtException failure)
            {
                return failure;
            }
        }

        /// <summary>The failure when <paramref name="error"/> is bad input (the engine's rules or a plain argument error), else null.</summary>
        protected static AzbtException? InvalidInput(Exception error)
        {
            if (!(error is AzbtException) && !(error is ArgumentException)) return null;
            var failure = FailureClassifier.Classify(error);
            return failure.Kind == AzBackupTroubleshoot.Errors.FailureKind.InvalidInput ? failure : null;
        }

        /// <summary>
        /// Writes a scan's events as they arrive: results and diagnoses to the output, scope errors to the error stream,
        /// progress to Write-Progress. Runs the async stream on the pipeline thread, since only that thread may write to PowerShell.
        /// </summary>
        protected void WriteScanEvents(IAsyncEnumerable<ScanEvent> events)
        {
            var bars = new ScanProgressBars();
            var enumerator = events.GetAsyncEnumerator(StopToken);
            try
            {
                while (NextEvent(enumerator))
                {
                    switch (enumerator.Current)
                    {
                        case ResultEvent result:
                            WriteObject(new BackupCheckResult(result.Result));
                            foreach (var record in bars.VmWritten(result.Result.VmId)) WriteProgress(record);
                            break;
                        case DiagnosisEvent diagnosis:
                            WriteObject(new BackupJobDiagnosis(diagnosis.Diagnosis));
                            break;
                        case ScopeErrorEvent error:
                            WriteError(ErrorRecords.ForScope(error));
                            break;
                        case ProgressEvent progress:
                            foreach (var record in bars.For(progress)) WriteProgress(record);
                            break;
                    }
                }
                if (!StopToken.IsCancellationRequested)
                    foreach (var record in bars.Completed()) WriteProgress(record);
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>False at the end of the stream or on Ctrl+C.</summary>
        private bool NextEvent(IAsyncEnumerator<ScanEvent> enumerator)
            => TryWait(enumerator.MoveNextAsync().AsTask(), out var more) && more;

        /// <summary>
        /// Waits on the pipeline thread for the engine's work. False on Ctrl+C; a failure that stops the work (sign-in,
        /// network, an engine fault) becomes a terminating error.
        /// </summary>
        protected bool TryWait<T>(Task<T> work, out T result)
        {
            result = default!;
            try
            {
                result = work.GetAwaiter().GetResult();
                return true;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception error)
            {
                ThrowTerminatingError(ErrorRecords.ForException(error));
                return false; // not reached: ThrowTerminatingError always throws
            }
        }
    }
}
