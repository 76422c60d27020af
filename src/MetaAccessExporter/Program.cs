using MetaAccessExporter.Hosting;
using Microsoft.Extensions.Options;

CommandLine cli;
try
{
    cli = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
if (cli.Version)
{
    Console.Out.Write(VersionText.Render());
    return 0;
}
if (cli.Help)
{
    Console.Out.Write(HelpText.Render());
    return 0;
}
if (cli.Probe)
    return await Probe.RunAsync(cli.ProbeUrl!);

await using var demo = cli.Demo
    ? await DemoMode.StartAsync(new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(cli.ConfigurationArgs).Build())
    : null;

var builder = WebApplication.CreateBuilder(cli.ConfigurationArgs);
if (demo is not null)
{
    builder.Configuration.AddInMemoryCollection(demo.ExporterSettings());
    builder.Configuration.AddCommandLine(cli.ConfigurationArgs);
}
builder.AddMetaAccessExporter(demo?.Banner);

try
{
    // Inside the try, so that a web configuration file that changed for the worse between validation and the
    // listener's start (WebConfigException) is a configuration error like any other.
    var app = builder.Build();
    ExporterModules.ValidateConfiguration(app.Services);
    app.UseExporterCompression();
    app.MapExporterEndpoints();
    if (demo is not null)
        demo.LogStarted(app.Logger);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or MetaAccessExporter.WebConfig.WebConfigException
    or InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" })
{
    await Console.Error.WriteLineAsync($"Configuration error: {ex.Message}");
    return 2;
}

/// <summary>Lets tests start the real host with WebApplicationFactory.</summary>
public partial class Program;
