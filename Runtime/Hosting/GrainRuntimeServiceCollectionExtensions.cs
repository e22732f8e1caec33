using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Runtime.Activation;
using Platform.Runtime.GrainDirectory;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;
using Platform.Runtime.Placement;

namespace Platform.Runtime.Hosting;

/// <summary>Adds the grain runtime (a single silo) to a service collection or host; co-hosts with ASP.NET Core in one process.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<IGrainRuntimeBuilder>? configure = null)
    {
        if (!services.Any(d => d.ServiceType == typeof(ActivationCatalog)))
            AddCoreServices(services);
        configure?.Invoke(new GrainRuntimeBuilder(services));
        return services;
    }

    public static TBuilder AddGrainRuntime<TBuilder>(this TBuilder builder, Action<IGrainRuntimeBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrainRuntime(configure);
        return builder;
    }

    public static IHostBuilder UseGrainRuntime(this IHostBuilder builder, Action<IGrainRuntimeBuilder>? configure = null) =>
        builder.ConfigureServices(services => services.AddGrainRuntime(configure));

    private static void AddCoreServices(IServiceCollection services)
    {
        services.AddOptions<GrainRuntimeOptions>();
        services.AddLogging();
        services.TryAddSingleton<IClusterMembership, SingleSiloMembership>();
        services.TryAddSingleton<IGrainDirectory, InMemoryGrainDirectory>();
        services.TryAddSingleton<IPlacementDirector, PreferLocalPlacementDirector>();
        services.TryAddSingleton<IGrainCallTransport, LocalGrainCallTransport>();
        services.AddSingleton<ActivationServices>();
        services.AddSingleton<ActivationCatalog>();
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<GrainCallDispatcher>();
        services.AddSingleton<GrainTypeCatalog>();
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddHostedService<GrainRuntimeHostedService>();
    }
}
