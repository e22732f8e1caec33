using Platform.Engine.Generation;

namespace Platform.Engine.Tests.Generation;

/// <summary>Runs requests to completion and collects what they streamed.</summary>
public static class EngineRun
{
    public sealed record Result(int[] Tokens, string Text, TokenEvent Final, List<TokenEvent> Events);

    public static async Task<Result> CollectAsync(LlmEngine engine, GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<TokenEvent>();
        await foreach (var tokenEvent in engine.GenerateAsync(request, cancellationToken))
            events.Add(tokenEvent);
        return new Result(events.SelectMany(e => e.TokenIds).ToArray(), string.Concat(events.Select(e => e.Text)), events[^1], events);
    }

    /// <summary>A greedy request for exactly <paramref name="maxTokens"/> tokens (EOS ignored).</summary>
    public static GenerationRequest Greedy(int[] prompt, int maxTokens) => new()
    {
        PromptTokenIds = prompt,
        Sampling = Platform.Engine.Sampling.SamplingParams.Greedy,
        StopConditions = new StopConditions { MaxTokens = maxTokens, IgnoreEos = true },
    };

    public static int[] RandomPrompt(Random random, int length) =>
        Enumerable.Range(0, length).Select(i => i == 0 ? 1 : random.Next(3, 32000)).ToArray();

    /// <summary>Polls until no sequence holds blocks (the engine loop frees them at its next step); fails after ~10 s.</summary>
    public static async Task<EngineStats> IdleStatsAsync(LlmEngine engine)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var stats = engine.GetStats();
            if (stats.Running == 0 && stats.Waiting == 0 && stats.KvUsage.UsedBlocks == 0)
                return stats;
            await Task.Delay(10);
        }
        throw new TimeoutException("The engine did not become idle.");
    }
}
