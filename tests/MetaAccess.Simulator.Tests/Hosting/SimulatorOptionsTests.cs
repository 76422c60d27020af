using Microsoft.Extensions.Configuration;

namespace MetaAccess.Simulator.Tests.Hosting;

public class SimulatorOptionsTests
{
    [Fact]
    public void Options_bind_from_the_simulator_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(
        [
            "--Simulator:Seed=7", "--Simulator:DeviceCount=12", "--Simulator:MeanTimeBetweenChanges=00:00:00",
            "--Simulator:TokenLifetime=00:10:00", "--Simulator:StaticAccessToken=", "--Simulator:FeedOrder=ById",
            "--Simulator:StaleShare=0.1", "--Simulator:SilentDeleteShare=0", "--Simulator:InventoryEnd=AbsentToken",
            "--Simulator:MalformedRecordShare=0.05", "--Simulator:RequestsPerMinute=20",
            "--Simulator:OtherClientCallsPerMinute=4", "--Simulator:AccountName=Acme", "--Simulator:DevicesAllowed=500",
        ]).Build();

        var options = configuration.GetSection("Simulator").Get<SimulatorOptions>()!;

        options.Seed.Should().Be(7);
        options.DeviceCount.Should().Be(12);
        options.MeanTimeBetweenChanges.Should().Be(TimeSpan.Zero);
        options.TokenLifetime.Should().Be(TimeSpan.FromMinutes(10));
        options.StaticAccessToken.Should().BeNullOrEmpty();
        options.RequestsPerMinute.Should().Be(20);
        options.OtherClientCallsPerMinute.Should().Be(4);
        options.AccountName.Should().Be("Acme");
        options.DevicesAllowed.Should().Be(500);
        options.FeedOrder.Should().Be(FeedOrder.ById);
        options.StaleShare.Should().Be(0.1);
        options.SilentDeleteShare.Should().Be(0);
        options.InventoryEnd.Should().Be(InventoryEnd.AbsentToken);
        options.MalformedRecordShare.Should().Be(0.05);
    }

    [Fact]
    public void The_defaults_are_the_hardest_account()
    {
        var options = new SimulatorOptions();

        options.FeedOrder.Should().Be(FeedOrder.ChangedAscending);
        options.StaleShare.Should().Be(0.4);
        options.SilentDeleteShare.Should().Be(0.3);
        options.InventoryEnd.Should().Be(InventoryEnd.EmptyToken);
        options.MalformedRecordShare.Should().Be(0);
        options.RequestsPerMinute.Should().Be(10);
        options.OtherClientCallsPerMinute.Should().Be(0);
    }

    [Theory]
    [InlineData(3000, null, 4000)]
    [InlineData(200, null, 1000)]
    [InlineData(999, null, 1000)]
    [InlineData(1000, null, 2000)]
    [InlineData(0, null, 1000)]
    [InlineData(3000, 2500, 2500)]
    [InlineData(3000, 0, 0)]
    public void The_licence_defaults_to_the_next_thousand_above_the_fleet(int devices, int? allowed, int licensed)
    {
        var options = new SimulatorOptions { DeviceCount = devices, DevicesAllowed = allowed };

        options.LicensedDevices.Should().Be(licensed);
    }

    [Fact]
    public async Task A_bad_option_stops_the_start_and_names_the_key()
    {
        var start = () => SimulatorServer.StartAsync(new SimulatorOptions { RequestsPerMinute = 0 });

        (await start.Should().ThrowAsync<ArgumentException>()).WithMessage("*Simulator:RequestsPerMinute*");
    }

    [Theory]
    [InlineData("DevicesAllowed")]
    [InlineData("OtherClientCallsPerMinute")]
    public async Task A_negative_count_is_refused(string key)
    {
        var options = new SimulatorOptions();
        typeof(SimulatorOptions).GetProperty(key)!.SetValue(options, -1);

        var start = () => SimulatorServer.StartAsync(options);

        (await start.Should().ThrowAsync<ArgumentException>()).WithMessage($"*Simulator:{key}*");
    }

    [Theory]
    [InlineData("StaleShare")]
    [InlineData("SilentDeleteShare")]
    [InlineData("MalformedRecordShare")]
    public async Task A_share_outside_0_to_1_is_refused(string key)
    {
        var options = new SimulatorOptions();
        typeof(SimulatorOptions).GetProperty(key)!.SetValue(options, 1.5);

        var start = () => SimulatorServer.StartAsync(options);

        (await start.Should().ThrowAsync<ArgumentException>()).WithMessage($"*Simulator:{key}*");
    }

    [Fact]
    public async Task The_server_binds_a_free_loopback_port()
    {
        await using var first = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1 });
        await using var second = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1 });

        first.BaseAddress.Host.Should().Be("127.0.0.1");
        first.BaseAddress.Port.Should().BeGreaterThan(0).And.NotBe(second.BaseAddress.Port);
    }
}
