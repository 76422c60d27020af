using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Model;

/// <summary>100,000 devices parsed page by page must not keep 100,000 copies of each label value.</summary>
public class LabelStringPoolTests
{
    [Fact]
    public void Devices_parsed_apart_share_one_instance_of_each_label_value_in_the_model()
    {
        var model = new DeviceModel(StaleThreshold.ParseList("1d"), []);
        var details = new DeviceDetailsSummary(Devices.Now, false, [Fresh("Firewall")], [Fresh("Firewall")], 0);

        model.Apply([Parsed("a", details), Parsed("b", details with { IssueCategories = [Fresh("Firewall")] })], []);

        var devices = model.ListDevices().OrderBy(d => d.Id).ToArray();
        var (a, b) = (devices[0], devices[1]);
        a.Should().BeEquivalentTo(Parsed("a", details), "sharing changes no value");
        foreach (var label in new Func<Device, object>[]
        {
            d => d.Status, d => d.Severity, d => d.Group, d => d.DeviceType, d => d.OsFamily, d => d.AgentVersion,
            d => d.Details!.IssueCategories[0], d => d.Details!.CriticalIssueCategories[0],
        })
            label(a).Should().BeSameAs(label(b));
        a.Name.Should().NotBeSameAs(b.Name, "names are each device's own");
    }

    // What a JSON reader hands over: a new string for every value of every record.
    private static string Fresh(string value) => new(value.AsSpan());

    private static Device Parsed(string id, DeviceDetailsSummary details) => Devices.Make(id) with
    {
        Status = Fresh("non_compliant"), Severity = Fresh("critical"), Group = Fresh("Zürich"), Name = Fresh("pc"),
        DeviceType = Fresh("laptop"), OsFamily = Fresh("Windows"), AgentVersion = Fresh("8.1.4.2"), Details = details,
    };
}
