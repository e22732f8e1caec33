using BenchmarkDotNet.Attributes;
using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Streaming;

/// <summary>Per-item cost of enumerating a grain's IAsyncEnumerable, on the calling silo and across silos.</summary>
public class TokenStreamBenchmarks : TwoSiloBenchmark<ICountGrain>
{
    // About one short completion: long enough that the start and dispose calls of each stream are amortized
    // as they would be in a real response.
    private const int Items = 100;

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public Task<int> LocalStreamPerItem() => DrainAsync(Local);

    [Benchmark(OperationsPerInvoke = Items)]
    public Task<int> CrossSiloStreamPerItem() => DrainAsync(Remote);

    private static async Task<int> DrainAsync(ICountGrain grain)
    {
        var sum = 0;
        await foreach (var item in grain.Count(Items))
        {
            sum += item;
        }

        return sum;
    }
}
