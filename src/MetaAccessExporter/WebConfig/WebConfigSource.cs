using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The web configuration in force. Like the toolkit, it is read again when a request or a TLS handshake finds that
/// the file, or a certificate, key or CA file it names, has changed; the change is applied once two looks a second
/// apart find the same bytes, so a file caught half-written is not applied. A change that cannot be used is logged
/// once and counted, and the last good reading stays in force: a typo must not open the exporter to everyone.
/// </summary>
public sealed class WebConfigSource
{
    // Looking at the files costs ~23 µs, a fifth of a /metrics scrape (docs/benchmarks.md): once a second is enough
    // for an edit or a renewed certificate to apply, and costs nothing per request.
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly WebAccessStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _reload = new();
    private volatile WebConfigReading _current;
    private FileInputs? _changing;
    private FileInputs? _rejected;
    private long _nextCheck;

    /// <exception cref="WebConfigException">The file cannot be used at start.</exception>
    public WebConfigSource(string path, WebAccessStats stats, ILogger<WebConfigSource> logger, TimeProvider time)
    {
        _path = path;
        _stats = stats;
        _logger = logger;
        _time = time;
        _current = WebConfigReading.Load(path, time, new FileInputs());
        _nextCheck = time.GetTimestamp() + Ticks(CheckEvery);
        ServesTls = _current.Config.Tls is not null;
        Http2 = _current.Config.Http.Http2;
        stats.Loaded(_current, time.GetUtcNow(), initial: true);
        Log.WebConfigInForce(logger, path, _current.Summary());
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
            long now = _time.GetTimestamp();
            if (now < Volatile.Read(ref _nextCheck))
                return current;
            Volatile.Write(ref _nextCheck, now + Ticks(CheckEvery));
            lock (_reload)
            {
                Look();
                return _current;
            }
        }
    }

    private void Look()
    {
        if (_current.IsCurrent)
        {
            _changing = null;
            if (_rejected is not null)
            {
                _rejected = null; // the files are back to the configuration in force
                _stats.Restored();
            }
            return;
        }
        if (_rejected?.Unchanged() == true)
            return;
        if (_changing?.Unchanged() != true)
        {
            _changing = _current.Inputs.Again();
            return;
        }
        _changing = null;
        Reload();
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void Reload()
    {
        var inputs = new FileInputs();
        try
        {
            var reading = WebConfigReading.Load(_path, _time, inputs, _current);
            if ((reading.Config.Tls is not null) != ServesTls)
                throw new WebConfigException("tls_server_config: turning TLS on or off takes a restart");
            if (ServesTls && reading.Config.Http.Http2 != Http2)
                throw new WebConfigException("http_server_config.http2: changing it takes a restart");
            if (!reading.TurnsSomethingOn)
                throw new WebConfigException("asks nothing of clients any more: to serve without it, restart without " + WebOptions.Flag);
            _current = reading;
            _rejected = null;
            _stats.Loaded(reading, _time.GetUtcNow(), initial: false);
            Log.WebConfigReloaded(_logger, _path);
            Log.WebConfigInForce(_logger, _path, reading.Summary());
            WarnAboutWhatIsNotApplied(reading.Config);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _rejected = inputs;
            _stats.Rejected();
            Log.WebConfigRejected(_logger, _path, ex is WebConfigException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void WarnAboutWhatIsNotApplied(WebConfiguration config)
    {
        if (config.Tls?.CurvePreferences.Count > 0)
            Log.WebConfigCurvesIgnored(_logger, _path);
    }
}
