using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The web configuration in force. Like the toolkit, it is read again when a request or a TLS handshake finds that
/// the file, or a certificate, key or CA file it names, has changed. A change that cannot be used is logged once and
/// counted, and the last good reading stays in force: a typo must not open the exporter to everyone.
/// </summary>
public sealed class WebConfigSource
{
    private readonly string _path;
    private readonly WebAccessStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _reload = new();
    private volatile WebConfigReading _current;
    private FileInputs? _rejected;

    /// <exception cref="WebConfigException">The file cannot be used at start.</exception>
    public WebConfigSource(string path, WebAccessStats stats, ILogger<WebConfigSource> logger, TimeProvider time)
    {
        _path = path;
        _stats = stats;
        _logger = logger;
        _time = time;
        _current = WebConfigReading.Load(path, time, new FileInputs());
        ServesTls = _current.Config.Tls is not null;
        Http2 = _current.Config.Http.Http2;
        stats.Loaded(_current, time.GetUtcNow(), initial: true);
        WarnAboutWhatIsNotApplied(_current.Config);
    }

    /// <summary>Whether the listener speaks TLS: fixed at start, as Kestrel binds its endpoints once.</summary>
    public bool ServesTls { get; }

    /// <summary>Whether HTTP/2 is offered over TLS; fixed at start, as in the toolkit.</summary>
    public bool Http2 { get; }

    public WebConfigReading Current
    {
        get
        {
            var current = _current;
            if (current.IsCurrent)
                return current;
            lock (_reload)
            {
                if (ReferenceEquals(current, _current) && _rejected?.Unchanged() != true)
                    Reload();
                return _current;
            }
        }
    }

    private void Reload()
    {
        var inputs = new FileInputs();
        try
        {
            var reading = WebConfigReading.Load(_path, _time, inputs);
            if ((reading.Config.Tls is not null) != ServesTls)
                throw new WebConfigException("tls_server_config: turning TLS on or off takes a restart");
            if (ServesTls && reading.Config.Http.Http2 != Http2)
                throw new WebConfigException("http_server_config.http2: changing it takes a restart");
            _current = reading;
            _rejected = null;
            _stats.Loaded(reading, _time.GetUtcNow(), initial: false);
            Log.WebConfigReloaded(_logger, _path);
            WarnAboutWhatIsNotApplied(reading.Config);
        }
        catch (WebConfigException ex)
        {
            _rejected = inputs;
            _stats.Rejected();
            Log.WebConfigRejected(_logger, _path, ex.Message);
        }
    }

    private void WarnAboutWhatIsNotApplied(WebConfiguration config)
    {
        if (config.Tls?.CurvePreferences.Count > 0)
            Log.WebConfigCurvesIgnored(_logger, _path);
    }
}
