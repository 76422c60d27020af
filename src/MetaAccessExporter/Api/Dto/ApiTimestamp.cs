using System.Globalization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>The API's timestamps (<c>last_seen</c> and the like), read the same way from every endpoint.</summary>
public static class ApiTimestamp
{
    /// <summary>ISO 8601, taken as UTC when it carries no offset (the API says GMT); unreadable is unknown.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, AsUtc, out var parsed) ? parsed : null;

    private const DateTimeStyles AsUtc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
}
