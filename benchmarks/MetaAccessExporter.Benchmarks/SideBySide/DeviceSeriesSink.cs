using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// Hands every sample of <c>/metrics/devices</c> to another library's instruments: the exporter's own family table
/// (<see cref="DeviceFamilies.Table"/>), the account label first as the series cache renders it. So every contender
/// holds exactly the exporter's series, however the table changes.
/// </summary>
internal abstract class DeviceSeriesSink() : SampleSink([new Label("account", Fleet.Account)])
{
    /// <summary>The family whose samples <see cref="SampleSink.Add"/> is receiving.</summary>
    protected MetricFamily<Device> Family { get; private set; } = null!;

    public void Fill(IReadOnlyList<Device> devices)
    {
        foreach (var family in DeviceFamilies.Table)
        {
            Family = family;
            Begin(family.Name, family.AccountWide);
            foreach (var device in devices)
                family.Samples(device, this);
        }
    }
}
