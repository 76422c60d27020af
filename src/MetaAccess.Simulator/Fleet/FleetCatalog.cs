namespace MetaAccess.Simulator.Fleet;

/// <summary>The value tables a realistic fleet is drawn from, with the weights that make it look like one.</summary>
internal static class FleetCatalog
{
    // One name with a quote and one non-ASCII name keep the exporter's label escaping honest.
    public static readonly (string? Name, int Weight)[] Groups =
    [
        ("Finance", 12), ("Engineering", 25), ("Sales EMEA", 15), ("HQ \"Main\" Office", 10),
        ("Zürich", 8), ("Support", 12), ("Marketing", 8), ("default", 8), (null, 2),
    ];

    public static readonly (string Status, int Weight)[] Statuses =
        [("compliant", 75), ("non-compliant", 15), ("exempted", 5), ("pending", 5)];

    public sealed record OsChoice(string Family, string Name, string Vendor, string Version, string DeviceType, string Type);

    public static readonly (OsChoice Os, int Weight)[] OperatingSystems =
    [
        (new("Windows", "Microsoft Windows 11 Pro", "Microsoft Corp.", "10.0.22631", "desktop", "windows"), 30),
        (new("Windows", "Microsoft Windows 10 Enterprise", "Microsoft Corp.", "10.0.19045", "laptop", "windows"), 20),
        (new("Windows", "Microsoft Windows Server 2022 Standard", "Microsoft Corp.", "10.0.20348", "server", "windows"), 5),
        (new("macOS", "macOS Sonoma", "Apple Inc.", "14.5", "laptop", "mac"), 15),
        (new("macOS", "macOS Sequoia", "Apple Inc.", "15.1", "laptop", "mac"), 8),
        (new("Linux", "Ubuntu 22.04.4 LTS", "Canonical Ltd.", "22.04", "desktop", "linux"), 8),
        (new("Linux", "Red Hat Enterprise Linux 9.3", "Red Hat, Inc.", "9.3", "server", "linux"), 3),
        (new("iOS", "iOS", "Apple Inc.", "17.5.1", "mobile", "ios"), 6),
        (new("Android", "Android", "Google LLC", "14", "mobile", "android"), 5),
    ];

    public static readonly (string Version, int Weight)[] AgentVersions =
        [("7.6.51.0", 5), ("7.7.12.0", 15), ("8.1.4.2", 35), ("8.2.0.7", 40), ("6.9.3.1", 5)];

    public static readonly (string Country, int Weight)[] Countries =
        [("US", 35), ("DE", 15), ("CH", 10), ("GB", 12), ("VN", 8), ("FR", 8), ("JP", 7), ("BR", 5)];

    public static readonly string[] Categories =
    [
        "Antivirus", "Firewall", "Encryption", "Backup", "Hard Drive", "Remote Control", "Cloud Storage",
        "Developer Tool", "Uninstaller", "Antiphishing", "Media Player", "3rd Party Patch Mgmt.", "Toolbar",
        "Public File Sharing", "OS Update", "Screen Sharing", "Chat / IM", "Cleaner / Optimizer",
        "VPN Client", "Unclassified PUA", "User Authentication",
    ];

    public static readonly string[] NameStems =
        ["wks", "lap", "dev", "fin", "mkt", "sup", "srv", "mbp", "iphone", "pixel", "build", "ops"];

    public static readonly string[] ThreatNames =
        ["Trojan.GenericKD.4628", "Win32/Adware.Agent", "EICAR-Test-File", "PUA.Win.Tool.CoinMiner", "JS/Phishing.Gen"];

    public const string OesisVersion = "4.3.2891.0";

    public static T Pick<T>(Random random, (T Value, int Weight)[] table)
    {
        var roll = random.Next(table.Sum(entry => entry.Weight));
        foreach (var (value, weight) in table)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return table[^1].Value;
    }
}
