namespace MetaAccessExporter.Api;

/// <summary>
/// A failed API call, already counted and with every URL in its message redacted, so callers can
/// log it as it is. <see cref="Code"/> is the <c>code</c> label it was counted under.
/// </summary>
public sealed class MetaAccessApiException(string endpoint, string code, string message, Exception? inner = null)
    : Exception(UrlRedactor.Redact(message), inner)
{
    public string Endpoint { get; } = endpoint;
    public string Code { get; } = code;
}
