using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Account;

public static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddAccountDetails(this IServiceCollection services)
    {
        services.AddSingleton<AccountHealth>();
        services.AddSingleton<AccountPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountPoller>());
        return services;
    }
}
