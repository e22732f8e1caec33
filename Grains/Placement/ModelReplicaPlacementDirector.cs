using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Placement;

namespace Platform.Grains.Placement;

/// <summary>
/// Chooses the silo of a new model replica activation: an explicit placement hint wins (a starting silo warms its own
/// replica); else the placement board picks from the silos' offers; when it cannot (no offer lists the model yet, or
/// the board is unreachable), a random compatible silo, as Orleans' default placement would. It never fails an activation.
/// </summary>
public sealed class ModelReplicaPlacementDirector(IGrainFactory grains, ModelCatalog catalog, ILogger<ModelReplicaPlacementDirector> logger) : IPlacementDirector
{
    /// <summary>Placement holds up the activating call: an unreachable board costs at most this before the fallback.</summary>
    internal static readonly TimeSpan BoardTimeout = TimeSpan.FromSeconds(2);

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint)
            return hint;
        return await AskBoardAsync(target.GrainIdentity.Key.ToString(), compatible) ?? compatible[Random.Shared.Next(compatible.Length)];
    }

    private async Task<SiloAddress?> AskBoardAsync(string replicaKey, SiloAddress[] compatible)
    {
        long kvCacheBytes;
        try
        {
            kvCacheBytes = catalog.ResolveReplica(replicaKey).Model.Options.Engine.KvCacheMemoryBytes;
        }
        catch (Exception error) when (error is ArgumentException or PlatformRequestException)
        {
            // Not a replica this silo knows: its activation fails with the catalog's message wherever it goes.
            return null;
        }
        try
        {
            var byName = compatible.ToDictionary(s => s.ToParsableString(), StringComparer.Ordinal);
            var chosen = await grains.GetGrain<IPlacementBoardGrain>(IPlacementBoardGrain.Key).Place(replicaKey, kvCacheBytes, [.. byName.Keys])
                .WaitAsync(BoardTimeout);
            if (chosen is not null && byName.TryGetValue(chosen, out var silo))
                return silo;
            logger.LogInformation("No silo offer fits replica {Replica} yet; placing it on a random silo", replicaKey);
        }
        catch (Exception error)
        {
            // A board error costs only the spread, never the activation.
            logger.LogWarning("The placement board could not place replica {Replica} ({Error}); placing it on a random silo", replicaKey, error.Message);
        }
        return null;
    }
}
