using System;
using System.IO;
using System.Net.Sockets;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Errors
{
    /// <summary>
    /// Turns whatever the engine caught (Azure.Core's RequestFailedException, the engine's ARM exceptions, Azure.Identity's
    /// failures, socket and TLS faults, timeouts, Azure.Core's AggregateException of retries, cancellation) into one
    /// <see cref="AzbtException"/>. The one place that knows HTTP statuses and transport faults: both fronts and the
    /// scope errors of a scan take their kind, code and message from here.
    /// </summary>
    public static class FailureClassifier
    {
        public static AzbtException Classify(Exception ex, string? target = null)
        {
            if (ex == null) throw new ArgumentNullException(nameof(ex));
            return ClassifyCore(Unwrap(ex), target).WithTarget(target);
        }

        /// <summary>The kind an HTTP status from ARM means. 2xx and 3xx never reach here.</summary>
        public static FailureKind KindOfStatus(int status) => status switch
        {
            0 => FailureKind.Connection,
            400 or 422 => FailureKind.InvalidInput,
            401 => FailureKind.Authentication,
            403 => FailureKind.Authorization,
            404 or 410 => FailureKind.NotFound,
            409 or 412 => FailureKind.Conflict,
            429 => FailureKind.Throttled,
            _ => FailureKind.ServiceError,
        };

        /// <summary>
        /// Azure.Core reports "retries exhausted" as an AggregateException of every attempt: the last attempt says why.
        /// A TargetInvocation-style wrapper with one inner is looked through too.
        /// </summary>
        private static Exception Unwrap(Exception ex)
        {
            for (var depth = 0; depth < 8; depth++)
            {
                if (ex is AggregateException aggregate)
                {
                    var inner = aggregate.Flatten().InnerExceptions;
                    if (inner.Count == 0) return ex;
                    ex = inner[inner.Count - 1];
                    continue;
                }
                return ex;
            }
            return ex;
        }

        private static AzbtException ClassifyCore(Exception ex, string? target)
        {
            switch (ex)
            {
                case AzbtException azbt:
                    return azbt;
                case Repairs.RepairRefusedException refused:
                    return refused.ToFailure(target);
                case ArmRequestFailedException arm:
                    return FromArmStatus(arm.Status, arm.ErrorCode, arm.Message, target ?? NullIfEmpty(arm.Path), arm);
                case ArmAuthenticationException auth:
                    return Authentication(FailureCodes.AuthenticationFailed, auth.Message, target, auth);
                case Azure.RequestFailedException request when request.Status == 0:
                    return FromTransport(request.InnerException ?? request, target) ?? Network(request.Message, target, request);
                case Azure.RequestFailedException request:
                    return FromArmStatus(request.Status, request.ErrorCode, request.Message, target, request);
                case Azure.Identity.CredentialUnavailableException unavailable:
                    return Authentication(FailureCodes.CredentialUnavailable,
                        "No credential is available: " + FailureText.FirstLine(unavailable.Message), target, unavailable);
                case Azure.Identity.AuthenticationFailedException failed:
                    return Authentication(FailureCodes.AuthenticationFailed,
                        "Could not get a token for ARM: " + FailureText.FirstLine(failed.Message), target, failed);
                case OperationCanceledException cancelled:
                    return IsTimeout(cancelled)
                        ? new AzbtException(FailureKind.Connection, FailureCodes.Timeout,
                            "ARM did not answer in time. Check the network path to the ARM endpoint, or raise the network timeout.", target, cancelled)
                        : new AzbtException(FailureKind.Cancelled, FailureCodes.Cancelled, "The operation was cancelled.", target, cancelled);
                case JsonException json:
                    return new AzbtException(FailureKind.ServiceError, FailureCodes.InvalidJson, "ARM returned a body that is not valid JSON.", target, json);
                case ArgumentException argument:
                    return new AzbtException(FailureKind.InvalidInput, FailureCodes.InvalidInput, PlainArgumentMessage(argument), target ?? argument.ParamName, argument);
            }
            return FromTransport(ex, target)
                   ?? new AzbtException(FailureKind.ServiceError, FailureCodes.UnexpectedError, "The operation failed: " + ex.Message, target, ex);
        }

        /// <summary>An ARM answer with an error status: kind by status, ARM's code kept, advice for what the user can do.</summary>
        private static AzbtException FromArmStatus(int status, string? armCode, string message, string? target, Exception inner)
        {
            if (status == 0)
                return FromTransport(inner.InnerException ?? inner, target) ?? Network(message, target, inner);
            var kind = KindOfStatus(status);
            var code = string.IsNullOrWhiteSpace(armCode) ? "Http" + status : armCode!;
            var text = FailureText.FirstLine(message);
            var advice = kind switch
            {
                FailureKind.Authentication =>
                    " ARM did not accept the token: get one for the tenant that holds the subscription and for ARM's audience"
                    + " (az account get-access-token --tenant <id>, Get-AzAccessToken -TenantId <id>), or sign in again.",
                FailureKind.Authorization =>
                    " Grant the identity at least the Reader role on this scope (Backup Reader on the vaults), or leave the scope out.",
                FailureKind.Throttled => " ARM kept throttling after the retries; run again later or on a smaller scope.",
                _ => "",
            };
            return new AzbtException(kind, code, text + advice, target, inner) { Status = status };
        }

        /// <summary>Socket, TLS and stream faults anywhere in the inner chain; null when there is none.</summary>
        private static AzbtException? FromTransport(Exception ex, string? target)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case AzbtException azbt:
                        return azbt;
                    case CertificatePinMismatchException pin:
                        return new AzbtException(FailureKind.Connection, FailureCodes.CertificatePinMismatch,
                            $"The server's certificate is not the pinned one ({pin.Host}). Check the pinned SHA-256 against the emulator's announced certificate.", target, ex);
                    case System.Security.Authentication.AuthenticationException tls:
                        return new AzbtException(FailureKind.Connection, FailureCodes.TlsHandshakeFailed,
                            "The TLS handshake with ARM failed: " + FailureText.FirstLine(tls.Message) + " Check the endpoint, the server's certificate and any proxy in between.", target, ex);
                    case SocketException socket:
                        return FromSocket(socket, target, ex);
                    case TimeoutException:
                        return new AzbtException(FailureKind.Connection, FailureCodes.Timeout,
                            "ARM did not answer in time. Check the network path to the ARM endpoint, or raise the network timeout.", target, ex);
                    case OperationCanceledException cancelled when IsTimeout(cancelled):
                        return new AzbtException(FailureKind.Connection, FailureCodes.Timeout,
                            "ARM did not answer in time. Check the network path to the ARM endpoint, or raise the network timeout.", target, ex);
                }
            }
            // No socket error inside: the connection was closed under the request (a reset, or a server that hung up).
            // The deepest such fault says what happened ("unexpected EOF"); the outer ones say "see inner exception".
            Exception? closed = null;
            for (var e = ex; e != null; e = e.InnerException)
                if (e is IOException || e is System.Net.Http.HttpRequestException) closed = e;
            if (closed != null)
                return new AzbtException(FailureKind.Connection, FailureCodes.ConnectionReset,
                    "The connection to ARM was closed before an answer came (" + FailureText.FirstLine(closed.Message).TrimEnd('.')
                    + "). Check for a proxy or firewall in between, then try again.", target, ex);
            return null;
        }

        private static AzbtException FromSocket(SocketException socket, string? target, Exception whole)
        {
            var (code, text) = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => (FailureCodes.ConnectionRefused,
                    "The ARM endpoint refused the connection. Check the endpoint URL and port, and that the service (or emulator) is running."),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (FailureCodes.HostNotFound,
                    "The ARM endpoint's host name could not be resolved. Check the endpoint URL or the environment, and DNS."),
                // NotConnected: on Linux a connection reset while the handler sets it up surfaces as ENOTCONN.
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
                    or SocketError.NotConnected or SocketError.NetworkReset => (FailureCodes.ConnectionReset,
                    "The connection to ARM was reset. Check for a proxy or firewall in between, then try again."),
                SocketError.TimedOut => (FailureCodes.Timeout,
                    "ARM did not answer in time. Check the network path to the ARM endpoint, or raise the network timeout."),
                _ => (FailureCodes.NetworkError, "Could not reach ARM: " + FailureText.FirstLine(socket.Message)),
            };
            return new AzbtException(FailureKind.Connection, code, text, target, whole);
        }

        private static AzbtException Network(string message, string? target, Exception inner)
            => new AzbtException(FailureKind.Connection, FailureCodes.NetworkError, "Could not reach ARM: " + FailureText.FirstLine(message), target, inner);

        private static AzbtException Authentication(string code, string message, string? target, Exception inner)
            => new AzbtException(FailureKind.Authentication, code,
                FailureText.FirstLine(message) + " Sign in first (Connect-AzAccount or az login), or pass an access token or use a managed identity.", target, inner);

        /// <summary>
        /// A timeout surfaces as a cancellation: HttpClient puts a TimeoutException inside, Azure.Core's network timeout
        /// says "exceeded the configured timeout". Anything else is the caller's own cancellation.
        /// </summary>
        private static bool IsTimeout(OperationCanceledException cancelled)
        {
            for (Exception? e = cancelled; e != null; e = e.InnerException)
                if (e is TimeoutException) return true;
            return cancelled.Message.IndexOf("configured timeout", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>The message without the runtime's "(Parameter 'x')" tail, whose wording differs between runtimes.</summary>
        internal static string PlainArgumentMessage(ArgumentException error)
        {
            if (string.IsNullOrEmpty(error.ParamName)) return error.Message;
            var tail = new ArgumentException("", error.ParamName).Message;
            return error.Message.EndsWith(tail, StringComparison.Ordinal) ? error.Message.Substring(0, error.Message.Length - tail.Length) : error.Message;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
