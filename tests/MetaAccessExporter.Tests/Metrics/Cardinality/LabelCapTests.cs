using MetaAccessExporter.Metrics.Cardinality;

namespace MetaAccessExporter.Tests.Metrics.Cardinality;

/// <summary>Which values of an open label keep their own series once there are more than the cap allows.</summary>
public class LabelCapTests
{
    [Fact]
    public void Up_to_the_cap_every_value_keeps_its_series()
    {
        var fold = new LabelCap("group", 3).Fold(Devices(("Finance", 5), ("Sales", 1), ("HQ", 2)));

        fold.Kept.Should().BeNull();
        fold.Folded.Should().Be(0);
        fold.Values.Should().Be(3);
        fold.Map("Sales").Should().Be("Sales");
    }

    [Fact]
    public void Past_the_cap_the_values_with_most_devices_keep_theirs_and_the_label_never_has_more_values_than_the_cap()
    {
        var fold = new LabelCap("group", 3).Fold(Devices(("Finance", 5), ("Sales", 1), ("HQ", 9), ("Ops", 2)));

        fold.Kept.Should().BeEquivalentTo(["HQ", "Finance"], "two values and \"other\" make three");
        fold.Folded.Should().Be(2);
        fold.Map("Ops").Should().Be("other");
        fold.Map("Sales").Should().Be("other");
    }

    [Fact]
    public void Between_values_with_as_many_devices_the_one_that_sorts_first_keeps_its_series()
    {
        var fold = new LabelCap("group", 3).Fold(Devices(("c", 1), ("B", 1), ("a", 1), ("A", 1)));

        fold.Kept.Should().BeEquivalentTo(["A", "B"], "ordinal order: upper case first");
    }

    [Fact]
    public void A_restart_ranks_the_same_model_the_same_way()
    {
        var model = Devices([.. Enumerable.Range(0, 1000).Select(i => ($"group-{i}", (long)(i % 7)))]);

        var before = new LabelCap("group", 50).Fold(model);
        var after = new LabelCap("group", 50).Fold(new Dictionary<string, long>(model.Reverse()));

        after.Kept.Should().BeEquivalentTo(before.Kept);
    }

    [Fact]
    public void A_value_keeps_its_series_until_a_folded_one_has_more_than_twice_its_devices()
    {
        var cap = new LabelCap("group", 3);
        cap.Fold(Devices(("Finance", 10), ("HQ", 4), ("Sales", 3), ("Ops", 1))).Kept.Should().BeEquivalentTo(["Finance", "HQ"]);

        cap.Fold(Devices(("Finance", 10), ("HQ", 4), ("Sales", 8), ("Ops", 1))).Kept
            .Should().BeEquivalentTo(["Finance", "HQ"], "8 devices are not more than twice HQ's 4: no series moves for a few devices");
        cap.Fold(Devices(("Finance", 10), ("HQ", 4), ("Sales", 9), ("Ops", 1))).Kept
            .Should().BeEquivalentTo(["Finance", "Sales"], "9 devices are more than twice 4");
        cap.Fold(Devices(("Finance", 10), ("HQ", 5), ("Sales", 4), ("Ops", 1))).Kept
            .Should().BeEquivalentTo(["Finance", "Sales"], "and now Sales holds its place the same way");
    }

    [Fact]
    public void Values_that_had_their_series_before_the_cap_was_reached_keep_them_when_a_small_newcomer_comes()
    {
        var cap = new LabelCap("group", 3);
        cap.Fold(Devices(("Finance", 1), ("HQ", 1), ("Sales", 1)));

        cap.Fold(Devices(("Finance", 1), ("HQ", 1), ("Sales", 1), ("Aardvark", 2))).Kept
            .Should().BeEquivalentTo(["Finance", "HQ"], "a newcomer with two devices does not push out a value that had its series");
    }

    [Fact]
    public void A_real_value_named_other_shares_the_buckets_series_and_is_not_counted_as_folded()
    {
        var fold = new LabelCap("group", 3).Fold(Devices(("other", 50), ("Finance", 5), ("Sales", 4), ("HQ", 1)));

        fold.Kept.Should().BeEquivalentTo(["Finance", "Sales"], "\"other\" is the bucket, so it takes none of the places");
        fold.Map("other").Should().Be("other");
        fold.Folded.Should().Be(1, "only HQ lost its series");
    }

    private static Dictionary<string, long> Devices(params (string Value, long Devices)[] values) =>
        values.ToDictionary(v => v.Value, v => v.Devices, StringComparer.Ordinal);
}
