using Platform.Runtime.Membership;

namespace Platform.Runtime.Placement;

/// <summary>Chooses the silo on which a grain without an activation gets activated.</summary>
public interface IPlacementDirector
{
    SiloAddress Place(GrainId grainId, IClusterMembership membership);
}
