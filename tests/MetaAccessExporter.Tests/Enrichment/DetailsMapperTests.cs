using System.Text.Json;
using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Enrichment;

namespace MetaAccessExporter.Tests.Enrichment;

public class DetailsMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_the_vendors_example_into_categories_with_issues()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "SeedDeviceDetails.json"));
        var details = JsonSerializer.Deserialize(json, MetaAccessJson.Default.DeviceDetails)!;

        var summary = DetailsMapper.ToSummary(details, Now);

        summary.IssueCategories.Should().Equal("Cloud Storage", "Encryption", "Firewall", "Chat / IM", "Antivirus", "VPN Client",
            "Hard Drive", "Unclassified PUA", "Remote Control");
        summary.CriticalIssueCategories.Should().NotContain("Hard Drive").And.Contain("Firewall").And.HaveCount(8);
        summary.Threats.Should().Be(0);
        summary.FetchedAt.Should().Be(Now);
        summary.Unavailable.Should().BeFalse();
    }

    [Fact]
    public void Counts_threats_from_the_list_or_the_total_whichever_says_more()
    {
        var details = JsonSerializer.Deserialize("""
            {"infections":[
              {"category":"malware_scan","total_threats":1,"threats":[{"ThreatName":"EICAR"},{"ThreatName":"Trojan.X"}]},
              {"category":"repeated_threats","total_threats":"3","threats":[]}
            ],"applications":[{"category":" Antivirus ","has_issue":"1","has_critical_issue":0}]}
            """, MetaAccessJson.Default.DeviceDetails)!;

        var summary = DetailsMapper.ToSummary(details, Now);

        summary.Threats.Should().Be(5);
        summary.IssueCategories.Should().Equal("Antivirus");
        summary.CriticalIssueCategories.Should().BeEmpty();
    }
}
