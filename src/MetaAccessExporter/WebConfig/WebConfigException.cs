namespace MetaAccessExporter.WebConfig;

/// <summary>A web configuration that cannot be used; the message names the key (<c>tls_server_config.cert_file: …</c>).</summary>
public sealed class WebConfigException(string message, Exception? inner = null) : Exception(message, inner);
