using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Calls;

/// <summary>The smallest useful request/response grain: one int in, the same int out.</summary>
public interface IEchoGrain : ILocatedGrain
{
    Task<int> Echo(int value);
}
