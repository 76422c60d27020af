using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Faults;

/// <summary>Records of the wrong shape in both feeds, for the same devices every time, their ids still readable.</summary>
public class MalformedRecordTests
{
    [Fact]
    public async Task The_same_devices_are_malformed_in_the_feed_and_the_inventory_with_their_ids_readable()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StaleShare = 0;
            o.MalformedRecordShare = 0.2;
        });

        var feed = await FeedRecordsAsync(sim, verbose: 1);
        var inventory = await sim.InventoryWalkAsync();

        var badInFeed = Malformed(feed);
        badInFeed.Count.Should().BeInRange(20, 60, "about a fifth of 200");
        Malformed(inventory).Should().BeEquivalentTo(badInFeed);
        Malformed(await FeedRecordsAsync(sim, verbose: 0)).Should().BeEquivalentTo(badInFeed, "verbose 0 records too");
        var shapes = feed.Select(WrongShape).OfType<string>().Distinct();
        shapes.Should().BeEquivalentTo(["issue", "last_seen", "status"]);
    }

    [Fact]
    public async Task The_choice_follows_the_seed_and_the_share_can_change_at_run_time()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MalformedRecordShare = 0.1);
        await using var same = await SimulatorHarness.StartAsync(o => o.MalformedRecordShare = 0.1);

        var first = Malformed(await sim.InventoryWalkAsync());
        first.Should().NotBeEmpty().And.Equal(Malformed(await same.InventoryWalkAsync()));

        sim.Server.Faults.MalformedRecordShare = 0.3;
        Malformed(await sim.InventoryWalkAsync()).Should().Contain(first, "a larger share only adds devices");
        sim.Server.Faults.MalformedRecordShare = 0;
        Malformed(await sim.InventoryWalkAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task By_default_every_record_is_well_formed()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        Malformed(await sim.InventoryWalkAsync()).Should().BeEmpty();
        Malformed(await FeedRecordsAsync(sim, verbose: 1)).Should().BeEmpty();
    }

    private static async Task<List<JsonElement>> FeedRecordsAsync(SimulatorHarness sim, int verbose)
    {
        var records = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var response = await sim.StatusChangedAsync(new { page, limit = 50, verbose });
            if (response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge)
            {
                return records;
            }

            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            records.AddRange(body.GetProperty("monitored_devices").EnumerateArray());
        }
    }

    private static List<string> Malformed(IEnumerable<JsonElement> records) =>
        [.. records.Where(r => WrongShape(r) is not null).Select(r => r.GetProperty("device_id").GetString()!)];

    /// <summary>The field of the wrong shape, or null for a well-formed record.</summary>
    private static string? WrongShape(JsonElement record)
    {
        if (record.GetProperty("issue").ValueKind != JsonValueKind.Object)
        {
            return "issue";
        }

        if (record.GetProperty("status").ValueKind != JsonValueKind.String)
        {
            return "status";
        }

        return record.TryGetProperty("last_seen", out var seen) && seen.ValueKind != JsonValueKind.String ? "last_seen" : null;
    }
}
