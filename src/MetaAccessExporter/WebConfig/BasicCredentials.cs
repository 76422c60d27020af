using System.Text;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The user and password of an <c>Authorization: Basic</c> header (RFC 7617), read as Go's <c>Request.BasicAuth</c> does.
/// </summary>
public readonly record struct BasicCredentials(string User, string Password)
{
    public static BasicCredentials? Parse(string? header)
    {
        const string Scheme = "Basic ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var decoded = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[Scheme.Length..].Trim(), decoded, out int length))
            return null;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decoded, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : new BasicCredentials(text[..colon], text[(colon + 1)..]);
    }
}
