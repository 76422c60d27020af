using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MetaAccessExporter.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>
/// JSON logs as operators ask for them (docs/operations.md, "Logs"): the published program in demo mode,
/// its standard output read line by line.
/// </summary>
public sealed class ConsoleLogFormatTests : IDisposable
{
    private static readonly string Exporter = Path.Combine(AppContext.BaseDirectory, "MetaAccessExporter.dll");
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("metaaccess-logs-").FullName;

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    [InlineData("appsettings.json in the working directory")]
    public async Task Json_asked_for_in_any_configuration_source_gives_one_json_object_a_line_with_a_utc_timestamp(string source)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = _workingDirectory };
        foreach (var arg in new[] { Exporter, "--demo", "--urls=http://127.0.0.1:0" })
            info.ArgumentList.Add(arg);
        info.Environment["Exporter__StatePath"] = "";
        switch (source)
        {
            case "command line":
                info.ArgumentList.Add("--Logging:Console:FormatterName=json");
                break;
            case "environment":
                info.Environment["Logging__Console__FormatterName"] = "json";
                break;
            default:
                await File.WriteAllTextAsync(Path.Combine(_workingDirectory, "appsettings.json"),
                    """{ "Logging": { "Console": { "FormatterName": "json" } } }""");
                break;
        }

        var lines = await FirstLinesAsync(info, until: line => line.Contains("Now listening on", StringComparison.Ordinal));

        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var timestamp = json.RootElement.GetProperty("Timestamp").GetString();
            DateTimeOffset.ParseExact(timestamp!, ConsoleLogFormat.JsonTimestamp, CultureInfo.InvariantCulture)
                .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), "the time is UTC, marked Z");
            json.RootElement.GetProperty("LogLevel").GetString().Should().NotBeNullOrEmpty();
        }
        lines.Should().Contain(l => l.Contains("\"Message\":\"Demo mode:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new string[0], "systemd")]
    [InlineData(new[] { "--Logging:Console:FormatterName=json" }, "json")]
    public void Under_systemd_the_journals_format_holds_unless_configuration_names_another(string[] args, string expected)
    {
        var builder = WebApplication.CreateBuilder(args);
        // What UseSystemd() does when the exporter runs as a systemd service (not the case in a test).
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Systemd);
        builder.AddMetaAccessExporter();
        using var app = builder.Build();

        app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.Should().Be(expected);
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    /// <summary>Standard output line by line, up to the first line <paramref name="until"/> accepts; then the process is stopped.</summary>
    private static async Task<List<string>> FirstLinesAsync(ProcessStartInfo info, Func<string, bool> until)
    {
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                lines.Add(line);
                if (until(line))
                    return lines;
            }
            throw new InvalidOperationException($"the exporter ended before the line awaited: {string.Join('\n', lines)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
