namespace MetaAccessExporter.WebConfig;

/// <summary>Go's <c>tls.ClientAuthType</c>, by the names the toolkit accepts.</summary>
public enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}

public static class ClientAuthTypes
{
    public static bool AsksForCertificate(this ClientAuthType type) => type != ClientAuthType.NoClientCert;

    public static bool RequiresCertificate(this ClientAuthType type) =>
        type is ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert;

    public static bool VerifiesCertificate(this ClientAuthType type) =>
        type is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert;
}
