using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Api.Audit;
using Platform.Api.Dashboard;
using Platform.Api.Telemetry;
using Prometheus;

namespace Platform.Api.Hosting;

/// <summary>Registers the HTTP API's services (and its metrics in the host's registry, or a new one); the host must also add an Orleans silo or client (the grains).</summary>
public static class PlatformApiServiceCollectionExtensions
{
    /// <summary>Adds the API with <paramref name="options"/> (the serve command fills served models and the API key).</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        // One limit and one message: Kestrel's default (30 MB) would otherwise disagree with the app's.
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        services.AddSingleton<ApiServices>();
        services.TryAddSingleton(_ => Metrics.NewCustomRegistry());
        services.AddSingleton<HttpMetrics>();
        if (options.Audit is { } audit)
            services.AddPlatformAudit(audit);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardSampler>();
        services.AddRouting();
        return services;
    }
}
