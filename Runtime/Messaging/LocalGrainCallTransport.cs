using Platform.Runtime.Activation;
using Platform.Runtime.Membership;

namespace Platform.Runtime.Messaging;

/// <summary>The transport of a single silo: delivers into the local activation catalog; there is no other silo to reach.</summary>
internal sealed class LocalGrainCallTransport(ActivationCatalog catalog, IClusterMembership membership) : IGrainCallTransport
{
    public ValueTask SendAsync(SiloAddress silo, GrainCall call)
    {
        if (silo != membership.LocalSilo)
            throw new SiloUnavailableException(silo, "this silo runs without a cluster transport");
        catalog.DeliverLocally(call);
        return ValueTask.CompletedTask;
    }
}
