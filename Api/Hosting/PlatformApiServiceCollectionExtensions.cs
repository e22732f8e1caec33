using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Hosting;

/// <summary>Registers the HTTP API's services; the host must also add an Orleans silo or client (the grains).</summary>
public static class PlatformApiServiceCollectionExtensions
{
    /// <summary>Adds the API with <paramref name="options"/> (the serve command fills served models and the API key).</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<ApiServices>();
        services.AddRouting();
        return services;
    }
}
