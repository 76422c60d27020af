using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace MetaAccessExporter.Hosting;

/// <summary>
/// The console log's format as operators choose it with <c>Logging:Console:FormatterName</c>
/// (<c>simple</c>, the default; <c>json</c>; <c>systemd</c>), documented in docs/operations.md.
/// </summary>
internal static class ConsoleLogFormat
{
    public const string FormatterNameKey = "Logging:Console:FormatterName";

    /// <summary>ISO 8601 in UTC, to the millisecond: what log shippers parse without being told how.</summary>
    public const string JsonTimestamp = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>To be called after <c>UseSystemd()</c>, whose journal format it must be able to override.</summary>
    public static IServiceCollection AddConsoleLogFormat(this IServiceCollection services, IConfiguration configuration)
    {
        // UseSystemd() sets the journal's format after configuration is bound, so under systemd a format
        // named in configuration would be ignored without a word; a named one wins, unnamed stays the journal's.
        services.Configure<ConsoleLoggerOptions>(o =>
        {
            if (configuration[FormatterNameKey] is { Length: > 0 } name)
                o.FormatterName = name;
        });
        // The framework's JSON lines carry no time unless told to; a shipper would stamp them on arrival instead.
        services.PostConfigure<JsonConsoleFormatterOptions>(o =>
        {
            if (o.TimestampFormat is null)
            {
                o.TimestampFormat = JsonTimestamp;
                o.UseUtcTimestamp = true;
            }
        });
        return services;
    }
}
