using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Streaming;

/// <summary>A grain that streams a result item by item, the way a model replica streams tokens.</summary>
public interface ICountGrain : ILocatedGrain
{
    IAsyncEnumerable<int> Count(int n);
}
