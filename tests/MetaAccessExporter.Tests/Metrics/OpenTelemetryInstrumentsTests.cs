using System.Diagnostics.Metrics;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
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
        _api.Given(Request.Create().WithPath(PageJson.Path)).RespondWith(Response.Create().WithBody(PageJson.Of(
        [
            PageJson.Device("A", group: "Finance"),
            PageJson.Device("B", "non-compliant", "critical", "Finance", issues: new Issues(4, 2, 0)),
        ])));
        var settings = ExporterFactory.Settings(_api.Url!);
        // Every in-process host publishes a meter of this name: a unique account tells ours apart.
        settings["MetaAccess:Account"] = "otel-check";
        await using var exporter = new ExporterFactory(settings);
        var client = await exporter.ReadyClientAsync();
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
        var scrape = await client.GetStringAsync("/metrics");

        measured.Should().Contain(("metaaccess_devices", 1, "account=otel-check,group=Finance,status=non_compliant,severity=critical"));
        measured.Should().Contain(("metaaccess_devices", 1, "account=otel-check,group=Finance,status=compliant,severity=none"));
        measured.Should().Contain(("metaaccess_critical_issues", 2, "account=otel-check,group=Finance"));
        measured.Should().Contain(("metaaccess_up", 1, "account=otel-check"));
        measured.Should().Contain(("metaaccess_label_values_folded", 0, "account=otel-check,label=group"));
        scrape.Should()
            .Contain("""metaaccess_devices{account="otel-check",group="Finance",status="non_compliant",severity="critical"} 1""" + "\n")
            .And.Contain("""metaaccess_devices{account="otel-check",group="Finance",status="compliant",severity="none"} 1""" + "\n")
            .And.Contain("""metaaccess_critical_issues{account="otel-check",group="Finance"} 2""" + "\n")
            .And.Contain("""metaaccess_up{account="otel-check"} 1""" + "\n");
        // The exporter keeps polling, so the scrape (taken after the measurement) may count more calls, never fewer.
        var requests = measured
            .Where(m => m.Instrument == "metaaccess_api_requests" && m.Tags == "account=otel-check,endpoint=status_changed,code=200")
            .Should().ContainSingle().Subject.Value;
        requests.Should().BeGreaterThanOrEqualTo(1);
        ScrapedValue(scrape, """metaaccess_api_requests_total{account="otel-check",endpoint="status_changed",code="200"}""")
            .Should().BeGreaterThanOrEqualTo(requests);
    }

    public void Dispose() => _api.Stop();

    private static double ScrapedValue(string scrape, string series)
    {
        var line = scrape.Split('\n').Should().ContainSingle(l => l.StartsWith(series + " ", StringComparison.Ordinal)).Subject;
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
