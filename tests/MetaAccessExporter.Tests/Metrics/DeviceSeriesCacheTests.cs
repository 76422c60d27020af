using System.IO.Compression;
using System.Text;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

public class DeviceSeriesCacheTests
{
    private readonly DeviceSeriesCache _cache = new("acme");
    private readonly DeviceModel _model;

    public DeviceSeriesCacheTests() => _model = new DeviceModel(StaleThreshold.ParseList("1d"), [_cache]);

    [Fact]
    public void Renders_every_device_family_by_family_with_escaped_labels()
    {
        _model.Apply([
            Devices.Make("D1", group: "HQ \"Main\"", name: "tle\\pc\nnew", status: "non_compliant", severity: "critical", critical: 3,
                lastSeen: new DateTimeOffset(2017, 10, 16, 3, 11, 9, TimeSpan.Zero),
                details: new DeviceDetailsSummary(Devices.Now, false, ["Firewall", "Anti-phishing"], ["Firewall"], 0)),
            Devices.Make("D0", group: "Zürich", name: "<private>"),
        ], []);

        Render().Should().Be(Exposition.Unwrap("""
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="D0",device_name="<private>",group="Zürich",device_type="desktop",
                os_family="Windows",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="D1",device_name="tle\\pc\nnew",group="HQ \"Main\"",device_type="desktop",
                os_family="Windows",agent_version="7.6.51.0"} 1
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="D0",status="compliant",severity="none"} 1
            metaaccess_device_status{account="acme",device_id="D1",status="non_compliant",severity="critical"} 1
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="D0"} 0
            metaaccess_device_critical_issues{account="acme",device_id="D1"} 3
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D0"} 1795434900
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D1"} 1508123469
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            metaaccess_device_category_issue{account="acme",device_id="D1",category="Firewall"} 1
            metaaccess_device_category_issue{account="acme",device_id="D1",category="Anti-phishing"} 1

            """));
    }

    [Fact]
    public void A_deleted_device_has_no_series_left()
    {
        _model.Apply([Devices.Make("gone"), Devices.Make("kept")], []);
        _model.Apply([], ["gone"]);

        Render().Should().NotContain("\"gone\"").And.Contain("device_id=\"kept\"");
        Render().Split('\n').Count(l => l.StartsWith("metaaccess_device_info{", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public void A_changed_device_is_rendered_anew()
    {
        _model.Apply([Devices.Make("a", status: "compliant")], []);
        _model.Apply([Devices.Make("a", status: "non_compliant")], []);

        Render().Should().Contain("status=\"non_compliant\"").And.NotContain("status=\"compliant\"");
    }

    [Fact]
    public void A_fleet_spread_over_many_shards_lists_every_device_once_per_family_as_it_changes()
    {
        var ids = Enumerable.Range(0, 3000).Select(i => $"dev-{i:D5}").ToArray();
        _model.Apply(ids.Select(id => Devices.Make(id)), []);
        InfoLines(Render()).Should().BeEquivalentTo(ids, "the shards doubled as the fleet grew, and lost nobody");

        _model.Apply(ids.Take(1000).Select(id => Devices.Make(id, status: "non_compliant")), ids.Skip(2000));

        var scrape = Render();
        InfoLines(scrape).Should().BeEquivalentTo(ids.Take(2000));
        StatusLines(scrape, "non_compliant").Should().BeEquivalentTo(ids.Take(1000));
        StatusLines(scrape, "compliant").Should().BeEquivalentTo(ids.Skip(1000).Take(1000));
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText)]
    [InlineData(ExpositionFormat.OpenMetrics)]
    public void The_gzip_answer_is_one_stream_that_inflates_to_the_plain_answer_with_a_valid_trailer(ExpositionFormat format)
    {
        _model.Apply(Enumerable.Range(0, 1500).Select(i => Devices.Make($"d{i}", group: i % 2 == 0 ? "Zürich" : "HQ \"Main\"")), []);
        Gunzip(_cache.Answer(format)).Should().Be(Exposition.Render(_cache, format));

        // After a change only some shards are rendered again; the joined stream must still check out.
        _model.Apply([Devices.Make("d7", status: "exempted")], ["d8"]);
        var answer = _cache.Answer(format);

        var plain = Exposition.Render(_cache, format);
        Gunzip(answer).Should().Be(plain).And.Contain("device_id=\"d7\",status=\"exempted\"").And.NotContain("\"d8\"");
        answer.PlainLength.Should().Be((long)Encoding.UTF8.GetByteCount(plain));
        answer.Chunks(gzip: true).Sum(c => c.Length).Should().Be((int)answer.GzipLength);
        if (format == ExpositionFormat.OpenMetrics)
            plain.Should().EndWith("# EOF\n");
    }

    [Fact]
    public void Scrapes_with_no_change_between_them_share_one_answer()
    {
        _model.Apply([Devices.Make("a")], []);
        var first = _cache.Answer(ExpositionFormat.PrometheusText);

        _cache.Answer(ExpositionFormat.PrometheusText).Should().BeSameAs(first);

        _model.Apply([Devices.Make("a", status: "non_compliant")], []);
        _cache.Answer(ExpositionFormat.PrometheusText).Should().NotBeSameAs(first);
    }

    [Fact]
    public void An_empty_model_still_lists_every_family_header()
    {
        var scrape = Render();

        scrape.Split('\n').Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Should().Be(DeviceFamilies.Table.Count);
        Gunzip(_cache.Answer(ExpositionFormat.PrometheusText)).Should().Be(scrape);
    }

    private string Render() => Exposition.Render(_cache);

    private static string Gunzip(PrerenderedAnswer answer)
    {
        var compressed = answer.Chunks(gzip: true).SelectMany(c => c.ToArray()).ToArray();
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return text.ReadToEnd();
    }

    private static IEnumerable<string> InfoLines(string scrape) =>
        scrape.Split('\n').Where(l => l.StartsWith("metaaccess_device_info{", StringComparison.Ordinal)).Select(DeviceId);

    private static IEnumerable<string> StatusLines(string scrape, string status) =>
        scrape.Split('\n').Where(l => l.StartsWith("metaaccess_device_status{", StringComparison.Ordinal)
            && l.Contains($"status=\"{status}\"", StringComparison.Ordinal)).Select(DeviceId);

    private static string DeviceId(string line)
    {
        int start = line.IndexOf("device_id=\"", StringComparison.Ordinal) + "device_id=\"".Length;
        return line[start..line.IndexOf('"', start)];
    }
}
