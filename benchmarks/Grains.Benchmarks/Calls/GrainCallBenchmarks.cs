using BenchmarkDotNet.Attributes;
using Platform.Grains.Benchmarks.Cluster;

namespace Platform.Grains.Benchmarks.Calls;

/// <summary>One call to an already active grain, on the calling silo and across silos over loopback TCP.</summary>
public class GrainCallBenchmarks : TwoSiloBenchmark<IEchoGrain>
{
    [Benchmark(Baseline = true)]
    public Task<int> LocalGrainCall() => Local.Echo(42);

    [Benchmark]
    public Task<int> CrossSiloGrainCall() => Remote.Echo(42);
}
