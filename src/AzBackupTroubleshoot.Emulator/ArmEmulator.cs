using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// A local stand-in for Azure Resource Manager: HTTPS on 127.0.0.1 with a fresh self-signed certificate, serving a
/// <see cref="Emulator.Scenario"/> with ARM's semantics (paging, $expand, errors, locks, long-running operations,
/// backup jobs), plus request counting, latency and fault injection. Used by tests, benchmarks and the demo.
/// </summary>
public sealed class ArmEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly Endpoints.ResourceGraphEndpoint _graph;

    /// <summary>The Resource Graph queries answered so far (the request log carries no bodies).</summary>
    public System.Collections.Generic.IReadOnlyList<Endpoints.ResourceGraphCall> ResourceGraphCalls => _graph.Calls;

    private ArmEmulator(WebApplication app, X509Certificate2 certificate, Scenario scenario, RequestLog requests, FaultInjector faults, Uri endpoint, Endpoints.ResourceGraphEndpoint graph)
    {
        _graph = graph;
        _app = app;
        _certificate = certificate;
        Scenario = scenario;
        Requests = requests;
        Faults = faults;
        Endpoint = endpoint;
        CertificateSha256 = SelfSignedCertificate.Sha256Of(certificate);
    }

    /// <summary>The base URL, e.g. https://127.0.0.1:54321/.</summary>
    public Uri Endpoint { get; }

    /// <summary>Uppercase hex SHA-256 of the certificate's raw bytes, for the client to pin.</summary>
    public string CertificateSha256 { get; }

    public RequestLog Requests { get; }

    public FaultInjector Faults { get; }

    /// <summary>The live state; the emulator's writes change it.</summary>
    public Scenario Scenario { get; }

    public static async Task<ArmEmulator> StartAsync(Scenario scenario, EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var faults = new FaultInjector();
        foreach (var rule in scenario.Settings.Faults) faults.Add(rule); // a rule it cannot apply is refused here, before serving
        var certificate = SelfSignedCertificate.Create();
        var requests = new RequestLog();
        var pipeline = new ArmPipeline(scenario, options, requests, faults);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders(); // request logs could carry headers; the emulator keeps its own counters instead
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
        pipeline.BaseUrl = endpoint.AbsoluteUri;
        return new ArmEmulator(app, certificate, scenario, requests, faults, endpoint, pipeline.Graph);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
