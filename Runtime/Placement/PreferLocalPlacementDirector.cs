using Platform.Runtime.Membership;

namespace Platform.Runtime.Placement;

/// <summary>Activates grains on the calling silo while it is an active member, else on a random active silo.</summary>
public sealed class PreferLocalPlacementDirector : IPlacementDirector
{
    public SiloAddress Place(GrainId grainId, IClusterMembership membership)
    {
        var silos = membership.ActiveSilos;
        if (silos.Contains(membership.LocalSilo))
            return membership.LocalSilo;
        if (silos.Count == 0)
            throw new InvalidOperationException($"No active silo can host grain {grainId}.");
        return silos[Random.Shared.Next(silos.Count)];
    }
}
