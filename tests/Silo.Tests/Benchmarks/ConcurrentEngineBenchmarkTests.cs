using Platform.Engine.Models;
using Platform.Kernels.Weights;
using Platform.Silo.Benchmarks;
using Platform.Silo.Tests.Commands;

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
    public async Task ThePrefillCapReachesTheEngine_SoACappedBurstHoldsFewerSequencesAtOnce()
    {
        using var model = TinyRandomModel();
        // Four 200-token prompts exceed one step's 512 tokens: the rest of the burst is prefilled beside the first decodes.
        // The latency budget is lifted for the uncapped run, so only the cap differs (and no step timing matters).
        var uncapped = await ConcurrentEngineBenchmark.RunAsync(model, concurrency: 4, promptTokens: 200, genTokens: 4, sharedPrefix: 0, maxPrefillTokensWithDecodes: 512,
            decodeLatencyFactor: 1000, longPrefillWait: TimeSpan.Zero);
        var capped = await ConcurrentEngineBenchmark.RunAsync(model, concurrency: 4, promptTokens: 200, genTokens: 4, sharedPrefix: 0, maxPrefillTokensWithDecodes: 1);

        Assert.Equal(uncapped.GeneratedTokens, capped.GeneratedTokens);
        Assert.True(capped.PeakKvUsage < uncapped.PeakKvUsage, $"capped peak {capped.PeakKvUsage:P1}, uncapped {uncapped.PeakKvUsage:P1}");
    }

    [Theory]
    [InlineData("--concurrency", "2", "--max-prefill-tokens-with-decodes", "0")]
    [InlineData("--max-prefill-tokens-with-decodes", "64")]
    [InlineData("--decode-latency-factor", "1.5")]
    [InlineData("--concurrency", "2", "--decode-latency-factor", "0.5")]
    public void BenchEngine_RefusesAStepBudgetOutOfRange_OrWithoutConcurrency(params string[] arguments)
    {
        var (exitCode, _, stderr) = PlatformProcess.Run(["bench", "engine", "--shape", "64,1,2,2,64,100", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains(arguments[^2], stderr);
    }

    [Fact]
    public void ConcurrencyLevelsMustBePositiveNumbers()
    {
        Assert.Equal(new[] { 1, 8, 32 }, ConcurrentEngineBenchmark.ParseLevels("1, 8,32"));
        Assert.Throws<ArgumentException>(() => ConcurrentEngineBenchmark.ParseLevels("1,x"));
        Assert.Throws<ArgumentException>(() => ConcurrentEngineBenchmark.ParseLevels("0"));
    }
}
