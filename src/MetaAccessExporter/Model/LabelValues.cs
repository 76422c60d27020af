namespace MetaAccessExporter.Model;

/// <summary>The contract's rules for label values, applied once as devices enter the model.</summary>
public static class LabelValues
{
    public const string Unknown = "unknown";
    public const string Unassigned = "unassigned";

    /// <summary><c>status</c> and <c>severity</c>: trimmed, lower-cased, spaces and '-' to '_'; missing is <c>unknown</c>.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Unknown;
        return string.Create(value.Trim().Length, value.Trim(), static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is ' ' or '-' ? '_' : char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary><c>group</c>: trimmed, case kept; missing or empty is <c>unassigned</c>.</summary>
    public static string Group(string? groupName) =>
        string.IsNullOrWhiteSpace(groupName) ? Unassigned : groupName.Trim();
}
