using System.Diagnostics.Metrics;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>OpenTelemetry users get the same instruments as Prometheus users: same names, labels and values.</summary>
public sealed class OpenTelemetryInstrumentsTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    [Fact]
    public async Task The_meter_reports_what_metrics_shows()
    {
        _api.Given(Request.Create().WithPath("/o/api/v3/devices/status_changed")).RespondWith(Response.Create().WithBody("""
            {"monitored_devices":[{"device_id":"A","status":"compliant","severity":"none","group_name":"Finance"},
                                  {"device_id":"B","status":"non-compliant","severity":"critical","group_name":"Finance","issue":{"total_issue":4,"total_critical_issue":2}}],
             "deleted_devices":[]}
            """));
        var settings = ExporterFactory.Settings(_api.Url!);
        // Every in-process host publishes a meter of this name: a unique account tells ours apart.
        settings["MetaAccess:Account"] = "otel-check";
        await using var exporter = new ExporterFactory(settings);
        await exporter.ReadyClientAsync();
        var measured = new List<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OpenTelemetryInstruments.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        listener.RecordObservableInstruments();

        measured.Should().Contain(("metaaccess_devices", 1, "account=otel-check,group=Finance,status=non_compliant,severity=critical"));
        measured.Should().Contain(("metaaccess_critical_issues", 2, "account=otel-check,group=Finance"));
        measured.Should().Contain(("metaaccess_up", 1, "account=otel-check"));
        measured.Should().Contain(m => m.Instrument == "metaaccess_api_requests" && m.Tags == "account=otel-check,endpoint=status_changed,code=200");
    }

    public void Dispose() => _api.Stop();
}
