using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Runtime.Hosting;

namespace Platform.Runtime.Benchmarks.Calls;

/// <summary>Cost of one call to an already active, non-reentrant grain in the same silo (one int argument, one int result).</summary>
[MemoryDiagnoser]
public class LocalGrainCallBenchmarks
{
    private IHost host = null!;
    private IEchoGrain grain = null!;
    private IGrainFactory grains = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddGrainRuntime();
        host = builder.Build();
        host.Start();
        grains = host.Services.GetRequiredService<IGrainFactory>();
        grain = grains.GetGrain<IEchoGrain>(1);
        grain.Echo(0).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        host.StopAsync().GetAwaiter().GetResult();
        host.Dispose();
    }

    [Benchmark(Baseline = true, Description = "call via held reference")]
    public Task<int> CallHeldReference() => grain.Echo(42);

    [Benchmark(Description = "GetGrain + call")]
    public Task<int> GetGrainAndCall() => grains.GetGrain<IEchoGrain>(1).Echo(42);

    [Benchmark(Description = "call that awaits inside the grain")]
    public Task<int> CallThatSuspends() => grain.EchoAfterYield(42);
}
