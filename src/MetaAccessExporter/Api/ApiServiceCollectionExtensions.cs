using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Api.Http;
using MetaAccessExporter.Api.Tokens;
using MetaAccessExporter.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refit;

namespace MetaAccessExporter.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The API clients and their handler chains, outermost first:
    /// access token (adds it, renews once on 401) → budget (one slot per send, pauses on throttle)
    /// → for the delta feed only, its <c>age</c> written as the request leaves → recorder (timeout,
    /// counting) → network. Framework HTTP logging is removed: it would log URLs with the token in
    /// them; the recorder logs them redacted instead. The budget itself is the composition root's to register.
    /// </summary>
    public static IServiceCollection AddMetaAccessApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiCallStats>();

        var refit = new RefitSettings(new SystemTextJsonContentSerializer(MetaAccessJson.Default.Options));
        AddClient<ITokenEndpoint>(services, refit, ApiEndpoint.Token, BudgetConsumer.Token, TokenPlacement.None);
        AddClient<IStatusChangedApi>(services, refit, ApiEndpoint.StatusChanged, BudgetConsumer.Delta, TokenPlacement.Query,
            beforeRecorder: sp => new RequestAgeHandler(sp.GetRequiredService<TimeProvider>()));
        AddClient<IInventoryApi>(services, refit, ApiEndpoint.Devices, BudgetConsumer.Inventory, TokenPlacement.Query);
        AddClient<IAccountApi>(services, refit, ApiEndpoint.Account, BudgetConsumer.Account, TokenPlacement.QueryAndHeader);
        AddClient<IDeviceDetailsApi>(services, refit, ApiEndpoint.DeviceDetails, BudgetConsumer.Enrichment, TokenPlacement.Query);

        services.AddSingleton<IAccessTokenSource>(sp =>
        {
            var options = sp.GetRequiredService<MetaAccessOptions>();
            var secretFiles = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretFile));
            return options.UsesOAuth
                ? new OAuthTokenSource(sp.GetRequiredService<ITokenEndpoint>(), options,
                    sp.GetRequiredService<ApiCallStats>(), sp.GetRequiredService<TimeProvider>(), secretFiles)
                : new FixedAccessTokenSource(options, secretFiles);
        });
        services.AddSingleton(sp => new InvalidRecordLog(sp.GetRequiredService<ILogger<InvalidRecordLog>>()));
        services.AddSingleton<RecordReader>();
        services.AddSingleton<StatusChangedClient>();
        services.AddSingleton<InventoryClient>();
        services.AddSingleton<DeviceDetailsClient>();
        services.AddSingleton<AccountClient>();
        return services;
    }

    private static void AddClient<T>(
        IServiceCollection services, RefitSettings refit, string endpoint, BudgetConsumer consumer, TokenPlacement token,
        Func<IServiceProvider, DelegatingHandler>? beforeRecorder = null)
        where T : class
    {
        var client = services.AddRefitGeneratedClient<T>(refit)
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<MetaAccessOptions>().BaseUrl;
                // The recorder enforces MetaAccess:RequestTimeout; HttpClient's own 100 s must not cut in first.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers();
        if (token != TokenPlacement.None)
            client.AddHttpMessageHandler(sp => new AccessTokenHandler(sp.GetRequiredService<IAccessTokenSource>(), token));
        client.AddHttpMessageHandler(sp => new RateBudgetHandler(
            sp.GetRequiredService<RateBudget>(), consumer, sp.GetRequiredService<ApiCallStats>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RateBudgetHandler>>()));
        if (beforeRecorder is not null)
            client.AddHttpMessageHandler(beforeRecorder);
        client.AddHttpMessageHandler(sp => new ApiCallRecorder(
            endpoint, sp.GetRequiredService<ApiCallStats>(), sp.GetRequiredService<MetaAccessOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApiCallRecorder>>()));
    }
}
