using System.Diagnostics;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Emulator.Hosting;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Errors;
using Azure.ResourceManager.Compute;
using Xunit.Abstractions;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Transport;

/// <summary>
/// A hostile or broken network under the real CLI and the real Azure SDK, on real sockets: each fault ends within
/// seconds, as one line with the documented exit code, never a stack trace; a token never goes where it should not.
/// </summary>
public sealed class TransportFaultTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);
    private readonly ITestOutputHelper _log;

    public TransportFaultTests(ITestOutputHelper log) => _log = log;

    private async Task<(int Exit, string Out, string Err, TimeSpan Took)> Azbt(string stdinToken, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await CliRun.RunWithInput(stdinToken, args);
        clock.Stop();
        _log.WriteLine($"azbt {string.Join(' ', args)} -> exit {exit} in {clock.Elapsed.TotalSeconds:F2} s; stderr: {stderr.Trim()}");
        return (exit, stdout, stderr, clock.Elapsed);
    }

    private static string[] Readiness(Uri endpoint, string? pin, params string[] more)
    {
        var args = new List<string> { "readiness", "--endpoint", endpoint.AbsoluteUri, "--access-token-file", "-", "--subscription", Sub1, "--check", "Vm.PowerState" };
        if (pin != null) args.AddRange(new[] { "--pin-sha256", pin });
        args.AddRange(more);
        return args.ToArray();
    }

    /// <summary>One line on stderr, "error: &lt;code&gt;: ...", no stack frame, no exception type name, no token.</summary>
    private static void AssertOneLine(string stderr, string code, string token = "test-token")
    {
        var lines = stderr.Trim().Split('\n');
        var line = Assert.Single(lines);
        Assert.StartsWith($"error: {code}: ", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain(token, stderr);
    }

    [Fact]
    public async Task A_refused_port_fails_in_seconds_with_exit_4()
    {
        using var server = MisbehavingServer.RefusedPort();
        var (exit, stdout, stderr, took) = await Azbt("test-token", Readiness(server.Endpoint, null));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.ConnectionRefused);
        Assert.Equal("", stdout.Trim());
        Assert.True(took < Budget, $"took {took}");
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_fails_in_seconds_with_exit_4()
    {
        // .invalid is reserved (RFC 6761): no resolver answers it with an address.
        var (exit, _, stderr, took) = await Azbt("test-token", Readiness(new Uri("https://azbt-no-such-host.invalid/"), null));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.HostNotFound);
        Assert.True(took < Budget, $"took {took}");
    }

    [Fact]
    public async Task A_server_whose_certificate_is_not_the_pinned_one_fails_with_exit_4()
    {
        await using var server = await FakeHttpsServer.StartAsync();
        using var other = SelfSignedCertificate.Create();
        var (exit, _, stderr, took) = await Azbt("test-token", Readiness(server.Endpoint, SelfSignedCertificate.Sha256Of(other)));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.CertificatePinMismatch);
        Assert.Empty(server.Requests); // no request got through the handshake
        Assert.True(took < Budget, $"took {took}");
    }

    [Fact]
    public async Task A_server_with_an_untrusted_certificate_fails_the_TLS_handshake_with_exit_4()
    {
        await using var server = await FakeHttpsServer.StartAsync();
        var (exit, _, stderr, took) = await Azbt("test-token", Readiness(server.Endpoint, null));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.TlsHandshakeFailed);
        Assert.Empty(server.Requests);
        Assert.True(took < Budget, $"took {took}");
    }

    [Fact]
    public async Task A_server_that_resets_every_connection_fails_in_seconds_with_exit_4()
    {
        using var server = MisbehavingServer.ResetsEveryConnection();
        var (exit, _, stderr, took) = await Azbt("test-token", Readiness(server.Endpoint, null));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.ConnectionReset);
        Assert.True(server.Connections >= 2, $"one retry expected, saw {server.Connections} connection(s)");
        Assert.True(took < Budget, $"took {took}");
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_exit_4_after_the_network_timeout()
    {
        using var server = MisbehavingServer.NeverAnswers();
        var (exit, _, stderr, took) = await Azbt("test-token", Readiness(server.Endpoint, null, "--network-timeout", "1"));
        Assert.Equal(ExitCodes.Connection, exit);
        AssertOneLine(stderr, FailureCodes.Timeout);
        Assert.True(took < Budget, $"took {took}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_connection_retry_budget_is_the_number_of_new_attempts_after_a_reset(int retries)
    {
        using var server = MisbehavingServer.ResetsEveryConnection();
        var connection = ArmConnection.Create(new ArmConnectionOptions
        {
            Endpoint = server.Endpoint, Credential = CredentialKind.AccessToken, AccessToken = "test-token",
            ConnectionRetries = retries, RetryDelay = TimeSpan.FromMilliseconds(50),
        });
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<AzbtException>(() => connection.Json.GetAsync("/subscriptions", "2022-12-01"));
        _log.WriteLine($"ConnectionRetries {retries}: {server.Connections} connection(s), failed in {clock.Elapsed.TotalSeconds:F2} s with {failure.Code}: {failure.Message}");
        for (Exception? e = failure.InnerException; e != null; e = e.InnerException) _log.WriteLine("  inner: " + e.GetType().Name + ": " + e.Message.Split((char)10)[0]);
        Assert.Equal(FailureKind.Connection, failure.Kind);
        Assert.Equal(FailureCodes.ConnectionReset, failure.Code);
        Assert.Equal(retries + 1, server.Connections);
    }

    [Fact]
    public async Task Throttling_keeps_Azure_Cores_retries_while_transport_faults_do_not()
    {
        var answered = 0;
        await using var server = await FakeHttpsServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref answered) <= 3)
            {
                context.Response.Headers["Retry-After"] = "0";
                await FakeHttpsServer.Json(context, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", 429);
                return;
            }
            await FakeHttpsServer.Json(context, """{"value":[]}""");
        });
        var connection = ArmConnection.Create(new ArmConnectionOptions
        {
            Endpoint = server.Endpoint, PinnedCertificateSha256 = server.CertificateSha256,
            Credential = CredentialKind.AccessToken, AccessToken = "test-token", ConnectionRetries = 0, RetryDelay = TimeSpan.FromMilliseconds(50),
        });
        var body = await connection.Json.GetAsync("/subscriptions", "2022-12-01");
        Assert.Equal(4, server.Requests.Count); // three 429s retried, the fourth answered
        Assert.Equal(0, body.GetProperty("value").GetArrayLength());
    }

    // ---- the token goes to the ARM endpoint only ----

    private const string SubscriptionsPage = """{"subscriptionId":"11111111-1111-1111-1111-111111111111","displayName":"one"}""";

    /// <summary>ARM (the first server) lists subscriptions with a nextLink the test chooses.</summary>
    private static Task<FakeHttpsServer> ArmWithNextLink(Func<string> nextLink)
        => FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context,
            $$"""{"value":[{{SubscriptionsPage}}],"nextLink":{{System.Text.Json.JsonSerializer.Serialize(nextLink())}}}"""));

    [Fact]
    public async Task A_nextLink_to_another_HTTPS_server_is_refused_and_that_server_never_sees_the_token()
    {
        await using var elsewhere = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"value":[]}"""));
        await using var arm = await ArmWithNextLink(() => new Uri(elsewhere.Endpoint, "subscriptions?api-version=2022-12-01&$skiptoken=1").AbsoluteUri);
        var (exit, _, stderr, took) = await Azbt("secret-token-value",
            "readiness", "--endpoint", arm.Endpoint.AbsoluteUri, "--pin-sha256", arm.CertificateSha256, "--access-token-file", "-");

        Assert.Equal(ExitCodes.Refused, exit);
        AssertOneLine(stderr, FailureCodes.ForeignHost, "secret-token-value");
        Assert.Contains($"127.0.0.1:{elsewhere.Endpoint.Port}", stderr);
        Assert.Contains(arm.Requests, r => r.Authorization == "Bearer secret-token-value"); // ARM itself did get it
        Assert.DoesNotContain(elsewhere.Requests, r => r.Authorization != null);
        Assert.Empty(elsewhere.Requests); // nothing was sent there at all
        Assert.True(took < Budget, $"took {took}");
    }

    [Theory]
    [InlineData("http", ExitCodes.Refused, FailureCodes.ForeignHost)]          // same host and port, plain HTTP
    [InlineData("otherhost", ExitCodes.Refused, FailureCodes.ForeignHost)]    // another host name
    [InlineData("userinfo", ExitCodes.Refused, FailureCodes.ForeignHost)]     // credentials smuggled into the URL
    [InlineData("relative", ExitCodes.ServiceError, FailureCodes.InvalidNextLink)]
    [InlineData("garbage", ExitCodes.ServiceError, FailureCodes.InvalidNextLink)]
    public async Task A_nextLink_off_the_endpoint_or_malformed_is_a_clear_error_not_a_crash(string kind, int exitCode, string code)
    {
        FakeHttpsServer? arm = null;
        arm = await ArmWithNextLink(() => kind switch
        {
            "http" => $"http://127.0.0.1:{arm!.Endpoint.Port}/subscriptions?api-version=2022-12-01&$skiptoken=1",
            "otherhost" => $"https://localhost:{arm!.Endpoint.Port}/subscriptions?api-version=2022-12-01&$skiptoken=1",
            "userinfo" => $"https://user:pw@127.0.0.1:{arm!.Endpoint.Port}/subscriptions?api-version=2022-12-01&$skiptoken=1",
            "relative" => "/subscriptions?api-version=2022-12-01&$skiptoken=1",
            _ => "ht!tp:// not a url %%",
        });
        await using (arm)
        {
            var (exit, _, stderr, _) = await Azbt("test-token", "readiness", "--endpoint", arm.Endpoint.AbsoluteUri, "--pin-sha256", arm.CertificateSha256, "--access-token-file", "-");
            Assert.Equal(exitCode, exit);
            AssertOneLine(stderr, code);
            Assert.Single(arm.Requests); // the first page only: the next link was never requested
        }
    }

    [Fact]
    public async Task An_operation_URL_on_another_server_is_never_polled()
    {
        await using var elsewhere = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"status":"Succeeded"}"""));
        await using var arm = await FakeHttpsServer.StartAsync(context =>
        {
            context.Response.StatusCode = 202;
            context.Response.Headers["Azure-AsyncOperation"] = new Uri(elsewhere.Endpoint, "operations/1?api-version=2023-01-01").AbsoluteUri;
            context.Response.Headers["Retry-After"] = "0";
            return Task.CompletedTask;
        });
        var connection = Connect(arm);
        var started = await connection.Json.SendAsync("POST", $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j/cancel", "2023-01-01");
        var refused = await Assert.ThrowsAsync<AzbtException>(() => AzBackupTroubleshoot.Arm.LongRunningOperation.WaitAsync(connection.Json, started, CancellationToken.None));
        Assert.Equal(FailureKind.Refused, refused.Kind);
        Assert.Equal(FailureCodes.ForeignHost, refused.Code);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task The_Azure_SDKs_own_operation_polling_is_guarded_too()
    {
        await using var elsewhere = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"status":"Succeeded"}"""));
        await using var arm = await FakeHttpsServer.StartAsync(context =>
        {
            context.Response.StatusCode = 202;
            context.Response.Headers["Azure-AsyncOperation"] = new Uri(elsewhere.Endpoint, "operations/1?api-version=2024-07-01").AbsoluteUri;
            context.Response.Headers["Location"] = new Uri(elsewhere.Endpoint, "operations/1/result?api-version=2024-07-01").AbsoluteUri;
            context.Response.Headers["Retry-After"] = "0";
            return Task.CompletedTask;
        });
        var connection = Connect(arm);
        var vm = connection.Client.GetVirtualMachineResource(new Azure.Core.ResourceIdentifier(VmId(Sub1, "rg", "vm1")));
        var thrown = await Record.ExceptionAsync(() => vm.DeallocateAsync(Azure.WaitUntil.Completed));
        var failure = FailureClassifier.Classify(Assert.IsAssignableFrom<Exception>(thrown));
        Assert.Equal(FailureKind.Refused, failure.Kind);
        Assert.Equal(FailureCodes.ForeignHost, failure.Code);
        Assert.Contains(arm.Requests, r => r.Method == "POST");
        Assert.Empty(elsewhere.Requests);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_redirect_to_another_server_is_not_followed_with_the_token(int status)
    {
        await using var elsewhere = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"value":[]}"""));
        await using var arm = await FakeHttpsServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers["Location"] = new Uri(elsewhere.Endpoint, "subscriptions?api-version=2022-12-01").AbsoluteUri;
            return Task.CompletedTask;
        });
        var connection = Connect(arm);
        var thrown = await Record.ExceptionAsync(() => connection.Json.GetAsync("/subscriptions", "2022-12-01"));
        _log.WriteLine($"{status}: {(thrown == null ? "no failure" : FailureClassifier.Classify(thrown).Code + ": " + thrown.Message)}");
        var failure = Assert.IsType<AzbtException>(thrown); // a redirect is neither followed nor an answer
        Assert.Equal(FailureCodes.UnexpectedRedirect, failure.Code);
        Assert.Equal(FailureKind.ServiceError, failure.Kind);
        Assert.Empty(elsewhere.Requests);
        Assert.DoesNotContain(elsewhere.Requests, r => r.Authorization != null);
    }

    private static ArmConnection Connect(FakeHttpsServer server, string token = "test-token") => ArmConnection.Create(new ArmConnectionOptions
    {
        Endpoint = server.Endpoint,
        PinnedCertificateSha256 = server.CertificateSha256,
        Credential = CredentialKind.AccessToken,
        AccessToken = token,
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    });

    // ---- a token that is not a token ----

    [Theory]
    [InlineData("zqx\r\nX-Injected: yes")]
    [InlineData("zqx\nzqy")]
    [InlineData("zqx zqy")]
    [InlineData("zqx\u00e9zqy")]
    [InlineData("zqx\u0000zqy")]
    public async Task A_token_with_control_spaces_or_non_ASCII_is_refused_before_any_request(string token)
    {
        await using var server = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"value":[]}"""));
        var (exit, stdout, stderr, _) = await Azbt(token, Readiness(server.Endpoint, server.CertificateSha256));
        Assert.Equal(ExitCodes.Authentication, exit);
        AssertOneLine(stderr, FailureCodes.InvalidAccessToken, "zqx");
        Assert.DoesNotContain("X-Injected", stderr);
        Assert.Equal("", stdout.Trim());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_CRLF_token_on_the_command_line_is_refused_too()
    {
        await using var server = await FakeHttpsServer.StartAsync(context => FakeHttpsServer.Json(context, """{"value":[]}"""));
        var (exit, _, stderr) = await CliRun.Run("readiness", "--endpoint", server.Endpoint.AbsoluteUri, "--pin-sha256", server.CertificateSha256,
            "--access-token", "zqxtok\r\nX-Injected: yes", "--subscription", Sub1);
        Assert.Equal(ExitCodes.Authentication, exit);
        AssertOneLine(stderr, FailureCodes.InvalidAccessToken, "zqx");
        Assert.DoesNotContain("X-Injected", stderr);
        Assert.Empty(server.Requests);
    }
}
