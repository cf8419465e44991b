using System.Net.Http;
using System.Net.Sockets;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Engine.Tests.Errors;

/// <summary>Every exception type the engine sees today lands on one kind, one stable code and one clean line.</summary>
public class FailureClassifierTests
{
    private const string SdkDump =
        "The client '1' with object id '1' does not have authorization.\nStatus: 403 (Forbidden)\nErrorCode: AuthorizationFailed\n\nContent:\n{\"error\":{}}\n\nHeaders:\nx-ms-request-id: 42\nAuthorization: REDACTED";

    public static TheoryData<Exception, FailureKind, string> Cases() => new()
    {
        { new Azure.RequestFailedException(404, "The Resource 'x' was not found.\nStatus: 404 (Not Found)\nHeaders:\nA: b", "ResourceNotFound", null), FailureKind.NotFound, "ResourceNotFound" },
        { new Azure.RequestFailedException(403, SdkDump, "AuthorizationFailed", null), FailureKind.Authorization, "AuthorizationFailed" },
        { new Azure.RequestFailedException(401, "The access token is from the wrong issuer.", "InvalidAuthenticationTokenTenant", null), FailureKind.Authentication, "InvalidAuthenticationTokenTenant" },
        { new Azure.RequestFailedException(429, "Too many requests.", "TooManyRequests", null), FailureKind.Throttled, "TooManyRequests" },
        { new Azure.RequestFailedException(409, "The scope is locked.", "ScopeLocked", null), FailureKind.Conflict, "ScopeLocked" },
        { new Azure.RequestFailedException(400, "Bad.", "InvalidResourceGroup", null), FailureKind.InvalidInput, "InvalidResourceGroup" },
        { new Azure.RequestFailedException(503, "Unavailable.", null, null), FailureKind.ServiceError, "Http503" },
        { new Azure.RequestFailedException(0, "No connection", null, new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))), FailureKind.Connection, FailureCodes.ConnectionRefused },
        { new ArmRequestFailedException(404, "ResourceNotFound", "ResourceNotFound: gone", "GET", "/subscriptions/s/x"), FailureKind.NotFound, "ResourceNotFound" },
        { new ArmRequestFailedException(401, "InvalidAuthenticationTokenTenant", "wrong tenant", "GET", "/subscriptions/s"), FailureKind.Authentication, "InvalidAuthenticationTokenTenant" },
        { new ArmRequestFailedException(500, null, "Http500: boom", "GET", "/x"), FailureKind.ServiceError, "Http500" },
        { new ArmAuthenticationException("Could not get a token for ARM: no account.", new Exception("inner")), FailureKind.Authentication, FailureCodes.AuthenticationFailed },
        { new Azure.Identity.AuthenticationFailedException("DefaultAzureCredential failed.\n- EnvironmentCredential: ...\n- ManagedIdentityCredential: ..."), FailureKind.Authentication, FailureCodes.AuthenticationFailed },
        { new Azure.Identity.CredentialUnavailableException("Azure CLI not installed.\nMore lines"), FailureKind.Authentication, FailureCodes.CredentialUnavailable },
        { new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused)), FailureKind.Connection, FailureCodes.ConnectionRefused },
        { new HttpRequestException("Name or service not known (nowhere.invalid:443)", new SocketException((int)SocketError.HostNotFound)), FailureKind.Connection, FailureCodes.HostNotFound },
        { new HttpRequestException("reset", new IOException("Unable to read", new SocketException((int)SocketError.ConnectionReset))), FailureKind.Connection, FailureCodes.ConnectionReset },
        { new HttpRequestException("The response ended prematurely.", new IOException("The response ended prematurely.")), FailureKind.Connection, FailureCodes.ConnectionReset },
        { new HttpRequestException("The SSL connection could not be established, see inner exception.", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid.")), FailureKind.Connection, FailureCodes.TlsHandshakeFailed },
        { new HttpRequestException("The SSL connection could not be established, see inner exception.", new CertificatePinMismatchException("127.0.0.1")), FailureKind.Connection, FailureCodes.CertificatePinMismatch },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 10 seconds elapsing.", new TimeoutException("timed out")), FailureKind.Connection, FailureCodes.Timeout },
        { new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10."), FailureKind.Connection, FailureCodes.Timeout },
        { new OperationCanceledException(), FailureKind.Cancelled, FailureCodes.Cancelled },
        { new TaskCanceledException(), FailureKind.Cancelled, FailureCodes.Cancelled },
        { new AggregateException("Retry failed after 7 tries. Retry settings can be adjusted in ClientOptions.Retry or by configuring a custom retry policy in ClientOptions.RetryPolicy. (refused) (refused)",
            new Azure.RequestFailedException(0, "refused", null, new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))),
            new Azure.RequestFailedException(0, "refused", null, new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))), FailureKind.Connection, FailureCodes.ConnectionRefused },
        { new AggregateException(new AggregateException(new Azure.RequestFailedException(429, "slow down", "TooManyRequests", null))), FailureKind.Throttled, "TooManyRequests" },
        { new System.Text.Json.JsonException("'<' is an invalid start of a value."), FailureKind.ServiceError, FailureCodes.InvalidJson },
        { new ArgumentException("'x' is not a subscription id.", "subscriptionId"), FailureKind.InvalidInput, FailureCodes.InvalidInput },
        { new AzbtException(FailureKind.Refused, "LockJournalPending", "A lock journal is pending."), FailureKind.Refused, "LockJournalPending" },
        { new InvalidOperationException("Something odd.\n   at Foo.Bar() in /src/x.cs:line 3"), FailureKind.ServiceError, FailureCodes.UnexpectedError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_kind_and_code_into_one_clean_line(Exception thrown, FailureKind kind, string code)
    {
        var failure = FailureClassifier.Classify(thrown, "/subscriptions/target");

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.NotNull(failure.Target);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.DoesNotContain('\n', failure.Message);
        Assert.DoesNotContain('\r', failure.Message);
        Assert.DoesNotContain("   at ", failure.Message);
        Assert.DoesNotContain("Status: ", failure.Message);
        Assert.DoesNotContain("Headers:", failure.Message);
        Assert.DoesNotContain("Exception", failure.Message);
        Assert.DoesNotContain("Retry failed after", failure.Message);
    }

    [Fact]
    public void A_401_advises_about_the_token_and_tenant_never_a_role()
    {
        var failure = FailureClassifier.Classify(new Azure.RequestFailedException(401,
            "The access token is from the wrong issuer 'https://sts.windows.net/a/'.", "InvalidAuthenticationTokenTenant", null));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("tenant", failure.Message);
        Assert.Contains("token", failure.Message);
        Assert.DoesNotContain("Reader", failure.Message);
    }

    [Fact]
    public void A_403_advises_the_Reader_role()
        => Assert.Contains("Reader", FailureClassifier.Classify(new Azure.RequestFailedException(403, "no", "AuthorizationFailed", null)).Message);

    [Fact]
    public void A_token_in_a_message_never_reaches_the_user()
    {
        var jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl";
        var failure = FailureClassifier.Classify(new InvalidOperationException($"Sent Authorization: Bearer {jwt} and got nothing"));

        Assert.DoesNotContain(jwt, failure.Message);
        Assert.DoesNotContain("eyJ", failure.Message);
    }

    [Fact]
    public void The_target_given_wins_and_an_azbt_exception_keeps_its_own()
    {
        Assert.Equal("/x", FailureClassifier.Classify(new OperationCanceledException(), "/x").Target);
        Assert.Equal("/own", FailureClassifier.Classify(new AzbtException(FailureKind.NotFound, "ResourceNotFound", "gone", "/own"), "/other").Target);
        Assert.Equal("/subscriptions/s/x", FailureClassifier.Classify(new ArmRequestFailedException(404, "ResourceNotFound", "gone", "GET", "/subscriptions/s/x")).Target);
    }

    [Fact]
    public void The_status_is_kept()
        => Assert.Equal(404, FailureClassifier.Classify(new Azure.RequestFailedException(404, "gone", "ResourceNotFound", null)).Status);

    [Fact]
    public void A_long_message_is_bounded()
        => Assert.True(FailureClassifier.Classify(new InvalidOperationException(new string('x', 5000))).Message.Length <= 600);
}
