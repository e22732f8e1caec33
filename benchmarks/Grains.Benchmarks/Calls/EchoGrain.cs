using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Calls;

/// <summary>Returns its argument without awaiting, so a call measures only Orleans' messaging cost.</summary>
public sealed class EchoGrain : LocatedGrain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}
