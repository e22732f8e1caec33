using Orleans.Runtime;

namespace Platform.Grains.Benchmarks.Cluster;

/// <summary>A benchmark grain that can say which silo its activation lives on.</summary>
public interface ILocatedGrain : IGrainWithIntegerKey
{
    /// <summary>The address of the silo hosting this activation.</summary>
    Task<SiloAddress> Silo();
}
