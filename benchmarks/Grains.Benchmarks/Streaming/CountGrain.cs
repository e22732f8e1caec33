using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Streaming;

/// <summary>Yields 0..n-1, each item produced asynchronously like a decoded token.</summary>
public sealed class CountGrain : LocatedGrain, ICountGrain
{
    public async IAsyncEnumerable<int> Count(int n)
    {
        for (var i = 0; i < n; i++)
        {
            // Orleans batches only items that are ready synchronously; yielding first makes every item its own
            // round trip, as tokens are when each comes out of a decode step.
            await Task.Yield();
            yield return i;
        }
    }
}
