using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AzBackupTroubleshoot.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>One request a <see cref="FakeHttpsServer"/> received: what a test asserts on (was the token sent here?).</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization);

/// <summary>
/// A real HTTPS server on 127.0.0.1 (Kestrel, its own self-signed certificate) whose answers a test writes: for the
/// hostile-network tests (a nextLink to another host, an operation URL elsewhere). It records every request it gets.
/// </summary>
public sealed class FakeHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private FakeHttpsServer(WebApplication app, X509Certificate2 certificate, Uri endpoint)
    {
        _app = app;
        _certificate = certificate;
        Endpoint = endpoint;
        CertificateSha256 = SelfSignedCertificate.Sha256Of(certificate);
    }

    public Uri Endpoint { get; }
    public string CertificateSha256 { get; }
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Starts a server; <paramref name="handler"/> answers each request (the default answers 404).</summary>
    public static async Task<FakeHttpsServer> StartAsync(Func<HttpContext, Task>? handler = null)
    {
        var certificate = SelfSignedCertificate.Create();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        FakeHttpsServer? self = null;
        app.Run(async context =>
        {
            var auth = context.Request.Headers.Authorization.ToString();
            self!.Requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, auth.Length == 0 ? null : auth));
            if (handler != null) await handler(context);
            else context.Response.StatusCode = 404;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeHttpsServer(app, certificate, new Uri($"https://127.0.0.1:{new Uri(address).Port}/"));
        return self;
    }

    public static async Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}

/// <summary>Raw TCP misbehaviour on 127.0.0.1: a port nobody listens on, a server that resets, one that never answers.</summary>
public sealed class MisbehavingServer : IDisposable
{
    private readonly TcpListener? _listener;
    private readonly List<TcpClient> _held = new();
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    private MisbehavingServer(TcpListener? listener, int port)
    {
        _listener = listener;
        Port = port;
    }

    public int Port { get; }
    public Uri Endpoint => new($"https://127.0.0.1:{Port}/");
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A port that was free a moment ago and has no listener: connecting is refused.</summary>
    public static MisbehavingServer RefusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new MisbehavingServer(null, port);
    }

    /// <summary>Accepts every connection and resets it at once (RST, no answer).</summary>
    public static MisbehavingServer ResetsEveryConnection() => Start(hold: false);

    /// <summary>Accepts every connection and never sends a byte: not even the TLS handshake completes.</summary>
    public static MisbehavingServer NeverAnswers() => Start(hold: true);

    private static MisbehavingServer Start(bool hold)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = new MisbehavingServer(listener, ((IPEndPoint)listener.LocalEndpoint).Port);
        _ = server.AcceptAsync(hold);
        return server;
    }

    private async Task AcceptAsync(bool hold)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            if (hold)
            {
                lock (_held) _held.Add(client);
                continue;
            }
            client.LingerState = new LingerOption(true, 0); // close with RST
            client.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_held) foreach (var c in _held) c.Dispose();
    }
}
