using BenchmarkDotNet.Attributes;

namespace Platform.Grains.Benchmarks.Cluster;

// One job for every two-silo benchmark: the build machine has 2 cores, so runs stay short, but a cross-silo
// call needs a few more warmup rounds than BenchmarkDotNet's short job before tiered JIT settles.
/// <summary>Shared setup: one grain of <typeparamref name="TGrain"/> on the calling silo and one on the other silo.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 6, iterationCount: 10)]
public abstract class TwoSiloBenchmark<TGrain> where TGrain : ILocatedGrain
{
    private TwoSiloCluster cluster = null!;

    /// <summary>Reference from silo A to an activation on silo A.</summary>
    protected TGrain Local { get; private set; } = default!;

    /// <summary>Reference from silo A to an activation on silo B.</summary>
    protected TGrain Remote { get; private set; } = default!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        cluster = await TwoSiloCluster.StartAsync();
        Local = await cluster.ActivateOnCallerAsync<TGrain>(1);
        Remote = await cluster.ActivateOnOtherSiloAsync<TGrain>(2);
    }
}
