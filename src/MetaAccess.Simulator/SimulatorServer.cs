using System.Net;
using MetaAccess.Simulator.Fleet;
using MetaAccess.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccess.Simulator;

/// <summary>The simulator on its own Kestrel server, for the exporter's <c>--demo</c> mode and for tests.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private SimulatorServer(WebApplication app, Uri baseAddress, SimulatorState state)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
        Fleet = state.Fleet;
        Faults = state.Faults;
    }

    /// <summary>The address actually bound, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    public SimulatedFleet Fleet { get; }

    public SimulatorFaults Faults { get; }

    /// <summary>
    /// API calls the account's real rate limit refused (429s that were not injected), token requests included; calls
    /// of the other client (<see cref="SpendBudget"/>, <see cref="SimulatorOptions.OtherClientCallsPerMinute"/>) never.
    /// </summary>
    public long RateLimitRefusals => _state.RateWindow.Refused;

    /// <summary>Calls of the other client the account's window admitted so far (they are not in <see cref="Arrivals"/>).</summary>
    public long OtherClientCalls => _state.OtherClient.Admitted;

    /// <summary>When each MetaAccess API call arrived, token requests included, on the simulator's clock, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals => [.. _state.Arrivals];

    /// <summary>
    /// Another client of the account (a SIEM add-on, a script) makes up to <paramref name="calls"/> calls now, spending
    /// the account's budget as the exporter's calls do. Returns how many the window admitted; the rest are refused
    /// without counting in <see cref="RateLimitRefusals"/>.
    /// </summary>
    public int SpendBudget(int calls) => _state.OtherClient.Spend(calls);

    /// <summary>Starts a server on <paramref name="url"/> (an http IP or localhost URL; port 0 picks a free port).</summary>
    public static async Task<SimulatorServer> StartAsync(
        SimulatorOptions options, TimeProvider? time = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ParseEndpoint(url);

        // An empty builder reads no appsettings or environment of the host process: the exporter's
        // configuration (URLs, logging) must not leak into its embedded simulator.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddRoutingCore();
        builder.Services.AddMetaAccessSimulator(options, time);

        var app = builder.Build();
        app.MapMetaAccessSimulator();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync(); // e.g. the port is taken: do not leave a half-built host behind
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new SimulatorServer(app, new Uri(address), app.Services.GetRequiredService<SimulatorState>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose(); // the container disposes it too; stopping the other client's timer twice is harmless
    }

    private static IPEndPoint ParseEndpoint(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Only http URLs are supported, not '{url}'.", nameof(url));
        }

        var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        return new IPEndPoint(address, uri.Port);
    }
}
