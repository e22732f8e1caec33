using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Platform.Grains.Placement;

/// <summary>Registers model replica placement on an engine silo: its offer, the registry of its replicas, and the placement director.</summary>
public static class PlacementServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ModelReplicaPlacement"/> with this silo offering <paramref name="capacity"/> to the board.</summary>
    public static IServiceCollection AddModelReplicaPlacement(this IServiceCollection services, SiloCapacityOptions capacity)
    {
        services.AddSingleton(capacity);
        services.AddSingleton<LocalReplicas>();
        services.AddSingleton<OfferReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OfferReporter>());
        services.AddPlacementDirector<ModelReplicaPlacement, ModelReplicaPlacementDirector>();
        return services;
    }
}
