using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>Registers a silo's metrics: the engines' vLLM-named series and Platform's own, in the host's <see cref="CollectorRegistry"/>.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds the grains' metrics; <paramref name="role"/> labels platform_silo_up (serve or silo). Uses the registered registry, or adds one.</summary>
    public static IServiceCollection AddGrainMetrics(this IServiceCollection services, string role)
    {
        services.TryAddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton<ActivationCounts>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ActivationCounts>());
        services.AddSingleton(sp => new EngineMetrics(sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton(sp => new SiloMetrics(sp.GetRequiredService<CollectorRegistry>(), sp.GetRequiredService<ActivationCounts>(),
            sp.GetRequiredService<ILocalSiloDetails>(), role));
        return services;
    }
}
