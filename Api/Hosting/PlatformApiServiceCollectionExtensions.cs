using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Api.Audit;
using Platform.Api.Dashboard;
using Platform.Api.Hosting.Rejections;
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
        // Kestrel's own rejections (414, 431, bad headers, ...) get OpenAI's envelope too.
        services.Configure<KestrelServerOptions>(k => k.UseRejectionEnvelope());
        services.AddTransient<IStartupFilter, RejectionStartupFilter>();
        // Kestrel takes a bare LF as a line end (RFC 9112 allows it); a proxy in front that does not would read the same
        // bytes as other headers: a request-smuggling differential. Kestrel's documented switch makes it refuse them (400).
        AppContext.SetSwitch("Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators", true);
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
