using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Puts <see cref="WebAccessMiddleware"/> first in the pipeline, before compression and routing, so that nothing
/// answers a request the web configuration refuses. Without a web configuration file it adds nothing.
/// </summary>
internal sealed class WebAccessStartupFilter(PathString unprotected) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (app.ApplicationServices.GetRequiredService<WebOptions>().Enabled)
            app.UseMiddleware<WebAccessMiddleware>(unprotected);
        next(app);
    };
}
