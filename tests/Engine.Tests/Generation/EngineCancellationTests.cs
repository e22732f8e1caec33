using Platform.Engine.Generation;
using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Generation;

public class EngineCancellationTests(TinyModel tiny) : IClassFixture<TinyModel>
{
    private static GenerationRequest Long(int[] prompt) => new()
    {
        PromptTokenIds = prompt,
        Sampling = new SamplingParams { Temperature = 1f, Seed = 1 },
        StopConditions = new StopConditions { MaxTokens = 200, IgnoreEos = true },
    };

    [Fact]
    public async Task CancellingRequestsReturnsAllTheirBlocksToThePool()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4, EnablePrefixCaching = false });
        using (engine)
        {
            var random = new Random(20);
            var runs = Enumerable.Range(0, 4).Select(async index =>
            {
                using var cancellation = new CancellationTokenSource();
                var seen = 0;
                await foreach (var _ in engine.GenerateAsync(Long(EngineRun.RandomPrompt(random, 9)), cancellation.Token))
                {
                    if (++seen == 3)
                        cancellation.Cancel();
                }
            }).ToArray();
            foreach (var run in runs)
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

            var stats = await EngineRun.IdleStatsAsync(engine);
            Assert.Equal(stats.KvUsage.TotalBlocks, stats.KvUsage.FreeBlocks);
        }
    }

    [Fact]
    public async Task AbandoningTheStreamFreesTheRequest()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4 });
        using (engine)
        {
            await foreach (var _ in engine.GenerateAsync(Long(EngineRun.RandomPrompt(new Random(21), 9))))
                break;
            var stats = await EngineRun.IdleStatsAsync(engine);
            Assert.Equal(0, stats.KvUsage.UsedBlocks);
        }
    }

    [Fact]
    public async Task RandomSubmitsAndCancelsNeverLeakBlocks()
    {
        var random = new Random(22);
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4, NumKvBlocks = 24, MaxNumSeqs = 6, MaxNumBatchedTokens = 16 });
        using (engine)
        {
            var shared = EngineRun.RandomPrompt(random, 20);
            var runs = new List<Task>();
            for (var op = 0; op < 200; op++)
            {
                var prompt = random.Next(2) == 0 ? shared[..random.Next(1, 20)].Append(random.Next(3, 500)).ToArray() : EngineRun.RandomPrompt(random, random.Next(1, 30));
                var cancelAfter = random.Next(0, 6);
                var request = Long(prompt) with { StopConditions = new StopConditions { MaxTokens = random.Next(1, 30), IgnoreEos = true } };
                runs.Add(ConsumeAsync(engine, request, cancelAfter));
                if (op % 10 == 0)
                    await Task.Delay(1);
            }
            await Task.WhenAll(runs);
            var stats = await EngineRun.IdleStatsAsync(engine);
            Assert.Equal(stats.KvUsage.TotalBlocks, stats.KvUsage.FreeBlocks);
        }
    }

    private static async Task ConsumeAsync(LlmEngine engine, GenerationRequest request, int cancelAfter)
    {
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        try
        {
            await foreach (var _ in engine.GenerateAsync(request, cancellation.Token))
                if (++seen == cancelAfter)
                    cancellation.Cancel();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
