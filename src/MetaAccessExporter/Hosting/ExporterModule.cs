using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Hosting;

/// <summary>One part of the exporter: its configuration section, if it has one, and its registration.</summary>
internal sealed record ExporterModule(string Name, OptionsSection? Options, Action<IServiceCollection, IConfiguration> Register)
{
    /// <summary>
    /// A module with its own section, bound strictly (an unknown key is an error, not a typo ignored)
    /// and validated before anything starts.
    /// </summary>
    public static ExporterModule Configured<TOptions, TValidator>(
        string name, string section, Action<IServiceCollection> register, Action<TOptions>? normalize = null)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        void Register(IServiceCollection services, IConfiguration configuration)
        {
            services.AddOptions<TOptions>()
                .Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
                .ValidateOnStart();
            if (normalize is not null)
                services.PostConfigure(normalize);
            services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
            services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
            register(services);
        }
        var options = new OptionsSection(section, typeof(TOptions), sp => _ = sp.GetRequiredService<IOptions<TOptions>>().Value);
        return new ExporterModule(name, options, Register);
    }
}

/// <summary>A configuration section, its options class (for <c>--help</c> and the command line) and how to check it.</summary>
/// <param name="Validate">Binds and validates the section; throws <see cref="OptionsValidationException"/> on a bad value.</param>
internal sealed record OptionsSection(string Name, Type Type, Action<IServiceProvider> Validate);
