using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Runtime.Grains;
using Platform.Runtime.Messaging;

namespace Platform.Runtime.Activation;

/// <summary>This silo's live activations by grain id: at most one per id, created on first delivery.</summary>
internal sealed class ActivationCatalog
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> activations = new();
    private readonly ActivationServices services;
    private volatile bool stopping;

    public ActivationCatalog(ActivationServices services) => this.services = services;

    public int Count => activations.Count;

    public ICollection<GrainActivation> Activations => activations.Values;

    public ActivationServices Services => services;

    /// <summary>Hands the call to the grain's existing local activation, if it has one that still accepts work.</summary>
    public bool TryDeliverToExisting(GrainCall call)
    {
        if (!activations.TryGetValue(call.TargetId, out var activation) || !activation.TryEnqueue(call))
            return false;
        call.Target.CachedActivation = activation;
        return true;
    }

    /// <summary>Hands the call to the grain's local activation, creating it when there is none.</summary>
    public void DeliverLocally(GrainCall call)
    {
        var grainClass = call.Target.Shared.GrainClass;
        while (true)
        {
            if (!activations.TryGetValue(call.TargetId, out var activation))
            {
                if (stopping)
                    throw new InvalidOperationException($"The grain runtime is shutting down; grain {call.TargetId} cannot be activated.");
                // Losers of a concurrent first-call race discard their unstarted activation and use the winner's.
                activation = activations.GetOrAdd(call.TargetId, new GrainActivation(call.TargetId, grainClass, services, this));
            }
            // An activation refuses work only after it left the map, so the next round finds or creates its successor.
            if (activation.TryEnqueue(call))
            {
                call.Target.CachedActivation = activation;
                return;
            }
        }
    }

    public void Remove(GrainActivation activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    /// <summary>Refuses new activations and deactivates every live one, waiting until all OnDeactivateAsync calls finished.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        try
        {
            while (!activations.IsEmpty)
            {
                var all = activations.Values.Select(a => a.RequestDeactivation(reason)).ToArray();
                await Task.WhenAll(all).WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: turns that never finish must not hold the process.
            services.Logger.LogWarning("Shutdown timed out with {Count} grain activations still running turns", activations.Count);
        }
    }
}
