using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Generation;

/// <summary>The random-weight tiny-llama from ../shared (real Llama-2 tokenizer), loaded once for all engine tests.</summary>
public sealed class TinyModel : IDisposable
{
    public TinyModel()
    {
        Path = SharedData.Path("models", "tiny-llama");
        Model = ModelLoader.Load(Path);
        Tokenizer = TokenizerLoader.Load(Path);
    }

    public string Path { get; }

    public LoadedModel Model { get; }

    public ITokenizer Tokenizer { get; }

    /// <summary>An engine over a fresh runner wrapped in a token counter.</summary>
    public (LlmEngine Engine, CountingRunner Runner) CreateEngine(EngineOptions options)
    {
        var runner = new CountingRunner(Model.CreateRunner(new KvCacheOptions { BlockSize = options.BlockSize, NumBlocks = options.NumKvBlocks ?? 256 }));
        return (new LlmEngine(runner, Model.Config, Tokenizer, options with { ModelId = Path }, ownsRunner: true), runner);
    }

    public void Dispose() => Model.Dispose();
}

/// <summary>Passes every batch to the real runner and counts the tokens it computed.</summary>
public sealed class CountingRunner(IModelRunner inner) : IModelRunner
{
    private long _tokens;

    public long ComputedTokens => Interlocked.Read(ref _tokens);

    public int VocabSize => inner.VocabSize;

    public int BlockSize => inner.BlockSize;

    public int NumBlocks => inner.NumBlocks;

    public long BytesPerBlock => inner.BytesPerBlock;

    public void Forward(ReadOnlySpan<SequenceSlice> batch, Span<float> logits)
    {
        foreach (var slice in batch)
            Interlocked.Add(ref _tokens, slice.Tokens.Length);
        inner.Forward(batch, logits);
    }

    public void Dispose() => inner.Dispose();
}

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
