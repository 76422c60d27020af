using static MetaAccess.Simulator.Fleet.FleetCatalog;

namespace MetaAccess.Simulator.Fleet;

/// <summary>Draws realistic devices and posture changes from a seeded <see cref="Random"/>.</summary>
internal sealed class DeviceFactory(Random random)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>
    /// A new device, last seen relative to <paramref name="now"/>, enrolled and changed at <paramref name="changedAt"/>.
    /// </summary>
    public SimulatedDevice Create(DateTimeOffset now, DateTimeOffset changedAt)
    {
        var id = Convert.ToHexString(Bytes(16));
        var os = Pick(random, OperatingSystems);
        var name = $"{NameStems[random.Next(NameStems.Length)]}-{random.Next(1000, 9999)}";
        var isPrivate = random.NextDouble() < 0.02;
        var mac = string.Join(':', Bytes(6).Select(b => b.ToString("x2")));
        var ipv4 = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
        var ipv6 = $"fe80::{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}";
        var publicIp = $"{random.Next(11, 223)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
        var device = new SimulatedDevice(
            DeviceId: id,
            DeviceName: isPrivate ? SimulatedDevice.PrivateName : name,
            NickName: random.NextDouble() < 0.3 ? $"{name}-{os.DeviceType}" : "",
            GroupName: Pick(random, Groups),
            DeviceType: os.DeviceType,
            OsFamily: os.Family,
            OsName: os.Name,
            AgentVersion: Pick(random, AgentVersions),
            Country: Pick(random, Countries),
            Status: "compliant",
            Severity: "no_issues",
            TotalIssues: 0,
            CriticalIssues: 0,
            WarningIssues: 0,
            LastSeen: LastSeen(now),
            ChangedAt: changedAt,
            LastSeenAtChange: changedAt,
            EnrolledAt: Truncate(changedAt),
            MacAddress: mac,
            Ipv4Address: ipv4,
            Ipv6Address: ipv6,
            PublicIp: publicIp,
            UserName: isPrivate ? "" : name.Split('-')[0] + random.Next(10, 99),
            IssueCategories: ValueList<IssueCategory>.Empty,
            Threats: random.NextDouble() < 0.04 ? Threats(now) : ValueList<SimulatedThreat>.Empty);
        return Reevaluate(device, changedAt);
    }

    /// <summary>A fresh posture evaluation: status, issues and severity drawn together so they agree.</summary>
    public SimulatedDevice Reevaluate(SimulatedDevice device, DateTimeOffset at)
    {
        var status = Pick(random, Statuses);
        var (critical, warning) = status switch
        {
            // One compliant device in twenty still carries a critical issue, as the seed example does.
            "compliant" => (random.NextDouble() < 0.05 ? 1 : 0, random.Next(0, 3)),
            "non-compliant" => (random.Next(1, 7), random.Next(0, 5)),
            _ => (random.Next(0, 3), random.Next(0, 4)),
        };
        if (device.IsInfected && critical == 0)
        {
            critical = 1; // a live infection is always a critical finding
        }

        var categories = Categories.OrderBy(_ => random.Next()).Take(critical + warning)
            .Select((category, index) => new IssueCategory(category, index < critical));
        var evaluated = device with
        {
            Status = status,
            Severity = critical > 0 ? "critical" : warning > 0 ? "warning" : "no_issues",
            CriticalIssues = critical,
            WarningIssues = warning,
            TotalIssues = critical + warning,
            IssueCategories = new ValueList<IssueCategory>(categories),
        };
        return evaluated.StatusChanged(at);
    }

    private DateTimeOffset LastSeen(DateTimeOffset now)
    {
        var roll = random.NextDouble();
        var ago = roll switch
        {
            < 0.03 => TimeSpan.FromHours(random.Next(2 * 24, 60 * 24)), // long unseen: 2 to 60 days
            < 0.70 => TimeSpan.FromSeconds(random.Next(3600)),          // seen within the hour
            _ => TimeSpan.FromSeconds(random.Next(3600, (int)Day.TotalSeconds)),
        };
        return Truncate(now - ago);
    }

    private ValueList<SimulatedThreat> Threats(DateTimeOffset now) =>
        new(Enumerable.Range(0, random.Next(1, 4)).Select(_ => new SimulatedThreat(
            ThreatNames[random.Next(ThreatNames.Length)],
            $@"C:\Users\Public\Downloads\setup_{random.Next(100, 999)}.exe",
            Truncate(now - TimeSpan.FromMinutes(random.Next(10, 7 * 24 * 60))),
            Convert.ToHexString(Bytes(32)).ToLowerInvariant())));

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    // The API reports whole seconds; keeping them whole makes JSON round trips exact.
    internal static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
