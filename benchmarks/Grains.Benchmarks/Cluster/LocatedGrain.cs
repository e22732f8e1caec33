using Orleans.Placement;
using Orleans.Runtime;

namespace Platform.Grains.Benchmarks.Cluster;

/// <summary>Base for benchmark grains: placed on the silo that first calls them, and able to report that silo.</summary>
// TwoSiloCluster pins an activation to a silo by calling it from there first, which relies on this placement.
[PreferLocalPlacement]
public abstract class LocatedGrain : Grain, ILocatedGrain
{
    public Task<SiloAddress> Silo() => Task.FromResult(GrainContext.Address.SiloAddress!);
}
