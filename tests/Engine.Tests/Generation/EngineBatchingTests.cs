using Platform.Engine.Generation;
using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Generation;

public class EngineBatchingTests(TinyModel tiny) : IClassFixture<TinyModel>
{
    private const int MaxTokens = 10;

    private static GenerationRequest Greedy(int[] prompt, int maxTokens = MaxTokens) => EngineRun.Greedy(prompt, maxTokens);

    /// <summary>Each prompt alone in a fresh engine with no prefix cache: the reference every batched run must match.</summary>
    private async Task<int[][]> AloneAsync(int[][] prompts)
    {
        var results = new int[prompts.Length][];
        for (var i = 0; i < prompts.Length; i++)
        {
            var (engine, _) = tiny.CreateEngine(new EngineOptions { EnablePrefixCaching = false, MaxNumSeqs = 1 });
            using (engine)
                results[i] = (await EngineRun.CollectAsync(engine, Greedy(prompts[i]))).Tokens;
        }
        return results;
    }

    private static async Task<int[][]> TogetherAsync(LlmEngine engine, int[][] prompts)
    {
        var runs = prompts.Select(p => EngineRun.CollectAsync(engine, Greedy(p))).ToArray();
        return (await Task.WhenAll(runs)).Select(r => r.Tokens).ToArray();
    }

    private static int[][] Prompts(int seed, int count, int minLength, int maxLength)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => EngineRun.RandomPrompt(random, random.Next(minLength, maxLength))).ToArray();
    }

    [Fact]
    public async Task BatchedGreedyRequestsEachProduceExactlyTheirTokensAlone()
    {
        var prompts = Prompts(1, 6, 3, 20);
        var expected = await AloneAsync(prompts);
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4 });
        using (engine)
            Assert.Equal(expected, await TogetherAsync(engine, prompts));
    }

    [Fact]
    public async Task BatchedRequestsHittingThePrefixCacheProduceTheirTokensAlone()
    {
        var random = new Random(2);
        var shared = EngineRun.RandomPrompt(random, 33);
        var prompts = Enumerable.Range(0, 5).Select(i => shared.Concat(EngineRun.RandomPrompt(random, 2 + i).Skip(1)).ToArray()).ToArray();
        var expected = await AloneAsync(prompts);
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4 });
        using (engine)
        {
            await EngineRun.CollectAsync(engine, Greedy(shared, maxTokens: 1));
            Assert.Equal(expected, await TogetherAsync(engine, prompts));
            Assert.True(engine.GetStats().PrefixHitTokens >= 5 * 32);
        }
    }

    [Fact]
    public async Task ChunkedPrefillOfLongPromptsGivesTheSameTokens()
    {
        var prompts = Prompts(3, 4, 30, 60);
        var expected = await AloneAsync(prompts);
        var (engine, runner) = tiny.CreateEngine(new EngineOptions { BlockSize = 4, MaxNumBatchedTokens = 7 });
        using (engine)
        {
            Assert.Equal(expected, await TogetherAsync(engine, prompts));
            Assert.True(engine.GetStats().Steps >= prompts.Sum(p => p.Length) / 7);
        }
    }

    [Fact]
    public async Task ForcedPreemptionsInATinyPoolDoNotChangeAnyTokens()
    {
        var prompts = Prompts(4, 5, 8, 16);
        var expected = await AloneAsync(prompts);
        // 8 blocks of 4 tokens: one sequence needs up to 7 blocks, five cannot all fit, so the newest are preempted.
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4, NumKvBlocks = 8 });
        using (engine)
        {
            Assert.Equal(expected, await TogetherAsync(engine, prompts));
            var stats = await EngineRun.IdleStatsAsync(engine);
            Assert.True(stats.Preemptions > 0);
            Assert.Equal(0, stats.KvUsage.UsedBlocks);
        }
    }

    [Fact]
    public async Task SeededSamplingGivesTheSameTokensBatchedAsAlone()
    {
        var prompts = Prompts(5, 4, 3, 12);
        GenerationRequest Sampled(int[] prompt, int index) => Greedy(prompt) with
        {
            Sampling = new SamplingParams { Temperature = 0.9f, TopP = 0.95f, Seed = 100 + index },
        };
        var expected = new List<int[]>();
        for (var i = 0; i < prompts.Length; i++)
        {
            var (alone, _) = tiny.CreateEngine(new EngineOptions());
            using (alone)
                expected.Add((await EngineRun.CollectAsync(alone, Sampled(prompts[i], i))).Tokens);
        }
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var runs = await Task.WhenAll(prompts.Select((p, i) => EngineRun.CollectAsync(engine, Sampled(p, i))));
            Assert.Equal(expected, runs.Select(r => r.Tokens));
        }
    }
}
