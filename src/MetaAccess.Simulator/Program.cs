using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MetaAccess.Simulator;

/// <summary>Standalone simulator: <c>dotnet run --project src/MetaAccess.Simulator -- --Simulator:Seed=42</c>.</summary>
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Request logs would print every access_token in the query; the simulator's own line is enough.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var options = builder.Configuration.GetSection("Simulator").Get<SimulatorOptions>() ?? new SimulatorOptions();
        try
        {
            builder.Services.AddMetaAccessSimulator(options);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var app = builder.Build();
        app.MapMetaAccessSimulator();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "MetaAccess simulator on {Urls}: seed {Seed}, {DeviceCount} devices, {RequestsPerMinute} requests/min per account, "
            + "static token {HasStaticToken}, feed order {FeedOrder}",
            string.Join(", ", app.Urls), options.Seed, options.DeviceCount, options.RequestsPerMinute,
            options.StaticAccessToken is null ? "off" : "on", options.FeedOrder));
        await app.RunAsync();
        return 0;
    }
}
