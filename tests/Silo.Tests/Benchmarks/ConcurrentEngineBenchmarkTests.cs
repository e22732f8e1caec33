using Platform.Engine.Models;
using Platform.Kernels.Weights;
using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class ConcurrentEngineBenchmarkTests
{
    private static LoadedModel TinyRandomModel() => RandomModel.Create(ModelConfig.ForShape(32, 1, 2, 1, 64, 128), WeightType.F32, seed: 3);

    [Fact]
    public async Task EveryRequestOfALevelRunsToItsTokenCount()
    {
        using var model = TinyRandomModel();
        var result = await ConcurrentEngineBenchmark.RunAsync(model, concurrency: 4, promptTokens: 8, genTokens: 5, sharedPrefix: 0);
        Assert.Equal(4 * 8, result.PromptTokens);
        Assert.Equal(4 * 5, result.GeneratedTokens);
        Assert.Equal(0, result.PrefixHitRate);
        Assert.InRange(result.PeakKvUsage, 0.01, 1);
    }

    [Fact]
    public async Task ASharedPrefixIsServedFromTheCacheWarmedBeforeTheBatch()
    {
        using var model = TinyRandomModel();
        var result = await ConcurrentEngineBenchmark.RunAsync(model, concurrency: 3, promptTokens: 8, genTokens: 2, sharedPrefix: 32);
        // Each 40-token prompt finds its two 16-token prefix blocks cached.
        Assert.Equal(32.0 / 40, result.PrefixHitRate, 6);
    }

    [Fact]
    public void ConcurrencyLevelsMustBePositiveNumbers()
    {
        Assert.Equal(new[] { 1, 8, 32 }, ConcurrentEngineBenchmark.ParseLevels("1, 8,32"));
        Assert.Throws<ArgumentException>(() => ConcurrentEngineBenchmark.ParseLevels("1,x"));
        Assert.Throws<ArgumentException>(() => ConcurrentEngineBenchmark.ParseLevels("0"));
    }
}
