using System.Globalization;

namespace MetaAccessExporter.WebConfig;

/// <summary>Durations as Go writes them (<c>time.ParseDuration</c>): <c>100ms</c>, <c>1.5s</c>, <c>1m30s</c>, <c>0</c>.</summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = text.AsSpan();
        if (rest is "0")
            return true;
        if (rest.IsEmpty)
            return false;
        double ticks = 0;
        while (!rest.IsEmpty)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
                digits++;
            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
                return false;
            rest = rest[digits..];
            int unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
                unitLength++;
            if (TicksPer(rest[..unitLength]) is not { } perUnit)
                return false;
            ticks += n * perUnit;
            rest = rest[unitLength..];
        }
        if (ticks > TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static double? TicksPer(ReadOnlySpan<char> unit)
    {
        foreach (var (name, ticks) in Units)
        {
            if (unit.SequenceEqual(name))
                return ticks;
        }
        return null;
    }
}
