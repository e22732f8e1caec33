using Platform.Engine.Generation;
using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Generation;

public class EnginePrefixCacheTests(TinyModel tiny) : IClassFixture<TinyModel>
{
    private static GenerationRequest Greedy(int[] prompt, int maxTokens) => EngineRun.Greedy(prompt, maxTokens);

    [Fact]
    public async Task SharedPrefixOfAFinishedRequestIsReportedCachedAndNotRecomputed()
    {
        var prefix = EngineRun.RandomPrompt(new Random(10), 64);
        var (engine, runner) = tiny.CreateEngine(new EngineOptions { BlockSize = 16 });
        using (engine)
        {
            var first = await EngineRun.CollectAsync(engine, Greedy(prefix, 1));
            Assert.Equal(0, first.Final.Usage!.CachedPromptTokens);

            var before = runner.ComputedTokens;
            var second = await EngineRun.CollectAsync(engine, Greedy([.. prefix, 5, 6, 7, 8, 9], 3));

            Assert.Equal(64, second.Final.Usage!.CachedPromptTokens);
            // 5 new prompt tokens, then 2 decode steps (the last sampled token is never fed back).
            Assert.Equal(5 + 2, runner.ComputedTokens - before);
        }
    }

    [Fact]
    public async Task ChoicesOfOneRequestSubmittedTogether_PrefillTheirPromptOnce()
    {
        var prompt = EngineRun.RandomPrompt(new Random(11), 40);
        var (engine, runner) = tiny.CreateEngine(new EngineOptions { BlockSize = 16 });
        using (engine)
        {
            var choices = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                EngineRun.CollectAsync(engine, EngineRun.Greedy(prompt, 3) with { RequestId = $"r-{i}", Group = "request" })));

            // One choice computes all 40 prompt tokens; the others find the two full blocks (32 tokens) cached.
            Assert.Equal([0, 32, 32, 32], choices.Select(c => c.Final.Usage!.CachedPromptTokens).Order());
            Assert.Equal(40 + 3 * 8 + 4 * 2, runner.ComputedTokens);
            Assert.All(choices, c => Assert.Equal(choices[0].Tokens, c.Tokens));
        }
    }

    [Fact]
    public async Task ANextTurnReusesTheBlocksFilledByThePreviousAnswer()
    {
        var prompt = EngineRun.RandomPrompt(new Random(11), 20);
        var (engine, _) = tiny.CreateEngine(new EngineOptions { BlockSize = 4 });
        using (engine)
        {
            var turn = await EngineRun.CollectAsync(engine, Greedy(prompt, 12));
            var next = await EngineRun.CollectAsync(engine, Greedy([.. prompt, .. turn.Tokens, 7, 8, 9], 2));
            // 20 prompt + 11 fed-back answer tokens were computed: 7 full blocks of 4.
            Assert.Equal(28, next.Final.Usage!.CachedPromptTokens);
        }
    }

    [Fact]
    public async Task WithPrefixCachingDisabledEveryPromptIsComputedInFull()
    {
        var prefix = EngineRun.RandomPrompt(new Random(12), 40);
        var (engine, runner) = tiny.CreateEngine(new EngineOptions { BlockSize = 4, EnablePrefixCaching = false });
        using (engine)
        {
            await EngineRun.CollectAsync(engine, Greedy(prefix, 1));
            var before = runner.ComputedTokens;
            var second = await EngineRun.CollectAsync(engine, Greedy([.. prefix, 3], 1));
            Assert.Equal(0, second.Final.Usage!.CachedPromptTokens);
            Assert.Equal(41, runner.ComputedTokens - before);
            Assert.Equal(0, engine.GetStats().PrefixHitTokens);
        }
    }

    [Fact]
    public async Task AnIdenticalPromptStillComputesItsLastTokenAndGivesTheSameAnswer()
    {
        var prompt = EngineRun.RandomPrompt(new Random(13), 32);
        var (engine, runner) = tiny.CreateEngine(new EngineOptions { BlockSize = 4 });
        using (engine)
        {
            var first = await EngineRun.CollectAsync(engine, Greedy(prompt, 4));
            var before = runner.ComputedTokens;
            var again = await EngineRun.CollectAsync(engine, Greedy(prompt, 4));
            Assert.Equal(first.Tokens, again.Tokens);
            Assert.Equal(28, again.Final.Usage!.CachedPromptTokens);
            Assert.Equal(4 + 3, runner.ComputedTokens - before);
        }
    }
}
