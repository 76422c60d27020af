using MetaAccessExporter.Model;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// A realistic fleet from a fixed seed, drawn like the simulator's: 10 groups (one with a quote, one
/// non-ASCII), 4 statuses, 3 severities, last_seen spread over 60 days so every stale threshold
/// counts, and a third of the devices with details naming issue categories.
/// </summary>
internal static class Fleet
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyList<StaleThreshold> StaleAfter = StaleThreshold.ParseList("1d,7d,30d");
    public const int PageSize = 50;

    /// <summary>The <c>account</c> label every series carries.</summary>
    public const string Account = "prod";

    private static readonly string[] Groups =
        [
            "Finance", "Engineering", "Sales EMEA", "HQ \"Main\" Office", "Zürich", "Support", "Marketing", "default", "Operations",
            LabelValues.Unassigned,
        ];
    private static readonly string[] Categories =
        ["Antivirus", "Firewall", "Encryption", "Backup", "Hard Drive", "OS Update", "VPN Client", "3rd Party Patch Mgmt."];
    private static readonly (string Family, string Type)[] Systems =
        [
            ("Windows", "desktop"), ("Windows", "laptop"), ("Windows", "server"), ("macOS", "laptop"), ("Linux", "server"),
            ("iOS", "mobile"), ("Android", "mobile"),
        ];
    private static readonly string[] Agents = ["7.7.12.0", "8.1.4.2", "8.2.0.7"];

    /// <param name="groups">Spread the devices over this many generated groups instead of the 10 realistic ones.</param>
    public static Device[] Devices(int count, int groups = 0)
    {
        var random = new Random(42);
        var devices = new Device[count];
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(100);
            string status = roll < 75 ? "compliant" : roll < 90 ? "non_compliant" : roll < 95 ? "exempted" : "pending";
            int critical = status == "compliant" ? (random.Next(20) == 0 ? 1 : 0) : random.Next(0, 4);
            int warning = random.Next(0, 4);
            var (family, type) = Systems[random.Next(Systems.Length)];
            var details = random.Next(3) == 0 ? Details(random, critical) : null;
            devices[i] = new Device(
                Id: Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + i.ToString("x8"),
                Status: status,
                Severity: critical > 0 ? "critical" : warning > 0 ? "warning" : "none",
                Group: groups > 0 ? $"group-{random.Next(groups)}" : Groups[random.Next(Groups.Length)],
                TotalIssues: critical + warning,
                CriticalIssues: critical,
                WarningIssues: warning,
                Name: $"wks-{i:D5}",
                DeviceType: type,
                OsFamily: family,
                AgentVersion: Agents[random.Next(Agents.Length)],
                LastSeen: Now - TimeSpan.FromMinutes(random.Next(60 * 24 * 60)),
                ChangedAt: Now - TimeSpan.FromHours(random.Next(1, 24)),
                Details: details);
        }
        return devices;
    }

    /// <summary>The same device after its agent reported again with a different posture.</summary>
    public static Device Changed(Device d) => d with
    {
        Status = d.Status == "compliant" ? "non_compliant" : "compliant",
        CriticalIssues = d.CriticalIssues == 0 ? 2 : 0,
        TotalIssues = d.WarningIssues + (d.CriticalIssues == 0 ? 2 : 0),
        Severity = d.CriticalIssues == 0 ? "critical" : d.WarningIssues > 0 ? "warning" : "none",
        LastSeen = Now - TimeSpan.FromMinutes(3),
        ChangedAt = Now,
    };

    /// <summary>A model holding <paramref name="devices"/>, observed by a <see cref="DeviceSeriesCache"/> as in the exporter.</summary>
    public static DeviceModel Model(Device[] devices, out Metrics.DeviceSeriesCache cache)
    {
        cache = new Metrics.DeviceSeriesCache(Account);
        var model = new DeviceModel(StaleAfter, [cache]);
        model.Restore(devices);
        return model;
    }

    /// <summary>
    /// Disjoint pages of 50 devices picked across the fleet, each in its original and changed form.
    /// Applying them alternately means every page applied changes all 50 devices.
    /// </summary>
    public static PageCycle Pages(Device[] devices) => new(devices);

    private static DeviceDetailsSummary Details(Random random, int critical)
    {
        var issues = Categories.Where(_ => random.Next(4) == 0).ToArray();
        var criticalIssues = critical > 0 ? issues.Take(1).ToArray() : [];
        return new DeviceDetailsSummary(Now - TimeSpan.FromHours(random.Next(1, 48)), false, issues, criticalIssues,
            random.Next(50) == 0 ? 1 : 0);
    }
}

/// <summary>Hands out pages of changed devices forever; each device alternates between its two forms.</summary>
internal sealed class PageCycle
{
    private readonly Device[][] _original;
    private readonly Device[][] _changed;
    private long _next;

    public PageCycle(Device[] devices)
    {
        var order = Enumerable.Range(0, devices.Length).ToArray();
        new Random(7).Shuffle(order);
        int pages = Math.Min(devices.Length / Fleet.PageSize, 100);
        _original = new Device[pages][];
        _changed = new Device[pages][];
        for (int p = 0; p < pages; p++)
        {
            _original[p] = order.Skip(p * Fleet.PageSize).Take(Fleet.PageSize).Select(i => devices[i]).ToArray();
            _changed[p] = _original[p].Select(Fleet.Changed).ToArray();
        }
    }

    /// <summary>Not thread-safe: one writer per cycle, as the exporter has one poller.</summary>
    public Device[] Next()
    {
        long n = _next++;
        int page = (int)(n % _original.Length);
        return (n / _original.Length) % 2 == 0 ? _changed[page] : _original[page];
    }
}
