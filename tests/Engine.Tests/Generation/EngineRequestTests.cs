using System.Text.Json.Nodes;
using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Sampling;
using Platform.Engine.Tokenizers;
using Platform.Kernels.Attention;

namespace Platform.Engine.Tests.Generation;

public class EngineRequestTests(TinyModel tiny) : IClassFixture<TinyModel>
{
    private static readonly int[] Prompt = [1, 15043, 3186];

    private static GenerationRequest Greedy(int maxTokens, StopConditions? stop = null) => new()
    {
        PromptTokenIds = Prompt,
        Sampling = SamplingParams.Greedy,
        StopConditions = stop ?? new StopConditions { MaxTokens = maxTokens },
    };

    private async Task<EngineRun.Result> RunAsync(GenerationRequest request, EngineOptions? options = null)
    {
        var (engine, _) = tiny.CreateEngine(options ?? new EngineOptions());
        using (engine)
            return await EngineRun.CollectAsync(engine, request);
    }

    [Fact]
    public async Task GreedyTokensMatchTheFloat64ReferenceOfTinyLlama()
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(tiny.Path, "golden.json")))!["cases"]![0]!;
        var expected = golden["greedy_ids"]!.AsArray().Select(n => (int)n!).ToArray();
        var result = await RunAsync(new GenerationRequest
        {
            Prompt = (string)golden["prompt"]!,
            Sampling = SamplingParams.Greedy,
            StopConditions = new StopConditions { MaxTokens = expected.Length, IgnoreEos = true },
        });
        Assert.Equal(expected, result.Tokens);
    }

    [Fact]
    public async Task ChatReplyTextMatchesTheReferenceDecodeOfTinyQwen2()
    {
        var path = SharedData.Path("models", "tiny-qwen2");
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "golden.json")))!["cases"]![0]!;
        using var model = ModelLoader.Load(path);
        using var engine = new LlmEngine(model, TokenizerLoader.Load(path), new EngineOptions { KvCacheMemoryBytes = 4 << 20 });
        var greedy = golden["greedy_ids"]!.AsArray().Select(n => (int)n!).ToArray();

        var result = await EngineRun.CollectAsync(engine, new GenerationRequest
        {
            PromptTokenIds = golden["prompt_ids"]!.AsArray().Select(n => (int)n!).ToArray(),
            Sampling = SamplingParams.Greedy,
            StopConditions = new StopConditions { MaxTokens = greedy.Length, IgnoreEos = true },
        });

        Assert.Equal(greedy, result.Tokens);
        Assert.Equal((string)golden["greedy_text"]!, result.Text);
    }

    [Theory]
    [InlineData(KvCacheDtype.F32, 128)]
    [InlineData(KvCacheDtype.F16, 256)]
    [InlineData(KvCacheDtype.BF16, 256)]
    public async Task AnEngineBuiltFromTheModelSizesItsPoolFromTheMemoryBudgetAndElementType(KvCacheDtype dtype, int blocks)
    {
        var options = new EngineOptions { KvCacheMemoryBytes = 1 << 20, BlockSize = 16, KvCacheDtype = dtype };
        using var engine = new LlmEngine(tiny.Model, tiny.Tokenizer, options);
        var stats = engine.GetStats();
        // tiny-llama: 2 layers x 2 KV heads x 16 dims x (K and V) x 4 bytes = 512 bytes per token (8 KiB per block) in
        // float, half that in f16 or bf16.
        Assert.Equal(blocks, stats.KvUsage.TotalBlocks);
        Assert.Equal(dtype, engine.KvCache.Dtype);
        Assert.Equal(blocks * 16, engine.MaxModelLength);
        var result = await EngineRun.CollectAsync(engine, Greedy(3));
        Assert.Equal(3, result.Tokens.Length);
    }

    [Fact]
    public async Task MaxTokensEndsWithLengthAndReportsUsage()
    {
        var result = await RunAsync(Greedy(5));
        Assert.Equal(5, result.Tokens.Length);
        Assert.Equal(FinishReason.Length, result.Final.FinishReason);
        Assert.Equal(new GenerationUsage(3, 5, 0), result.Final.Usage);
        Assert.All(result.Events.SkipLast(1), e => Assert.Null(e.FinishReason));
        var metrics = result.Final.Metrics!;
        Assert.Equal(metrics.TimeToFirstToken, metrics.TokenTimes[0]);
        Assert.Equal(5, metrics.TokenTimes.Count);
        Assert.True(metrics.TokenTimes.Zip(metrics.TokenTimes.Skip(1)).All(p => p.First <= p.Second));
        Assert.NotNull(metrics.QueueTime);
    }

    [Fact]
    public async Task StopStringEndsTheTextBeforeItAndNeverLeaks()
    {
        var reference = await RunAsync(Greedy(20));
        var text = reference.Text;
        var stop = text.Substring(text.Length / 2, 3);
        var expected = text[..text.IndexOf(stop, StringComparison.Ordinal)];

        var result = await RunAsync(Greedy(20, new StopConditions { MaxTokens = 20, Stop = [stop] }));

        Assert.Equal(expected, result.Text);
        Assert.Equal(FinishReason.Stop, result.Final.FinishReason);
        Assert.Equal(stop, result.Final.StopString);
    }

    [Fact]
    public async Task StopTokenIdEndsGenerationWithThatToken()
    {
        var reference = await RunAsync(Greedy(12));
        var stopId = reference.Tokens[6];
        var cut = Array.IndexOf(reference.Tokens, stopId) + 1;

        var result = await RunAsync(Greedy(12, new StopConditions { MaxTokens = 12, StopTokenIds = [stopId] }));

        Assert.Equal(reference.Tokens[..cut], result.Tokens);
        Assert.Equal(FinishReason.Stop, result.Final.FinishReason);
        Assert.Equal(tiny.Tokenizer.Decode(reference.Tokens[..(cut - 1)], skipSpecialTokens: true), result.Text);
    }

    [Fact]
    public async Task TheModelsEosTokenEndsGenerationUnlessIgnored()
    {
        var reference = await RunAsync(Greedy(8, new StopConditions { MaxTokens = 8, IgnoreEos = true }));
        var eos = reference.Tokens[3];
        var cut = Array.IndexOf(reference.Tokens, eos) + 1;
        var config = tiny.Model.Config with { EosTokenIds = [eos] };
        using var runner = tiny.Model.CreateRunner(new Platform.Engine.Runner.KvCacheOptions { NumBlocks = 64 });
        using var engine = new LlmEngine(runner, config, tokenizer: null, new EngineOptions());

        var stopped = await EngineRun.CollectAsync(engine, Greedy(8));
        var ignored = await EngineRun.CollectAsync(engine, Greedy(8, new StopConditions { MaxTokens = 8, IgnoreEos = true }));

        Assert.Equal(reference.Tokens[..cut], stopped.Tokens);
        Assert.Equal(FinishReason.Stop, stopped.Final.FinishReason);
        Assert.Equal(reference.Tokens, ignored.Tokens);
        Assert.Equal(FinishReason.Length, ignored.Final.FinishReason);
    }

    [Fact]
    public async Task LogprobsComeWithEveryTokenWhenAskedFor()
    {
        var result = await RunAsync(Greedy(4) with { Sampling = SamplingParams.Greedy with { Logprobs = 2 } });
        Assert.All(result.Events, e =>
        {
            var sampled = Assert.Single(e.Logprobs!);
            Assert.Equal(e.TokenIds[0], sampled.TokenId);
            Assert.Equal(2, sampled.TopLogprobs!.Length);
            Assert.Equal(sampled.TokenId, sampled.TopLogprobs[0].TokenId);
            Assert.True(sampled.Logprob <= 0);
        });
    }

    [Fact]
    public async Task EmptyTextPromptStartsFromBos()
    {
        var fromText = await RunAsync(new GenerationRequest { Prompt = "", Sampling = SamplingParams.Greedy, StopConditions = new StopConditions { MaxTokens = 3 } });
        var fromBos = await RunAsync(new GenerationRequest { PromptTokenIds = [1], Sampling = SamplingParams.Greedy, StopConditions = new StopConditions { MaxTokens = 3 } });
        Assert.Equal(fromBos.Tokens, fromText.Tokens);
        Assert.Equal(1, fromText.Final.Usage!.PromptTokens);
    }

    [Theory]
    [InlineData(40, null, RequestRejectedException.ContextLengthExceeded)]
    [InlineData(10, 30, RequestRejectedException.ContextLengthExceeded)]
    [InlineData(10, 0, RequestRejectedException.InvalidParameter)]
    public async Task RequestsThatCannotRunAreRejectedWithACode(int promptLength, int? maxTokens, string code)
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions { MaxModelLength = 32 });
        using (engine)
        {
            var request = new GenerationRequest { PromptTokenIds = Enumerable.Repeat(5, promptLength).ToArray(), StopConditions = new StopConditions { MaxTokens = maxTokens } };
            var error = await Assert.ThrowsAsync<RequestRejectedException>(() => EngineRun.CollectAsync(engine, request));
            Assert.Equal(code, error.Code);
        }
    }

    [Fact]
    public async Task OutOfVocabularyIdsAndBadSamplingSettingsAreRejected()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var badId = await Assert.ThrowsAsync<RequestRejectedException>(() => EngineRun.CollectAsync(engine, new GenerationRequest { PromptTokenIds = [1, 32000] }));
            Assert.Equal(RequestRejectedException.InvalidPrompt, badId.Code);
            var badTopP = await Assert.ThrowsAsync<RequestRejectedException>(() => EngineRun.CollectAsync(engine, Greedy(3) with { Sampling = new SamplingParams { TopP = 0 } }));
            Assert.Equal(RequestRejectedException.InvalidParameter, badTopP.Code);
        }
    }

    [Fact]
    public async Task DisposingTheEngineAbortsRunningRequests()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        var events = new List<TokenEvent>();
        await foreach (var tokenEvent in engine.GenerateAsync(Greedy(4000, new StopConditions { MaxTokens = 4000, IgnoreEos = true })))
        {
            events.Add(tokenEvent);
            if (events.Count == 2)
                engine.Dispose();
        }
        Assert.Equal(FinishReason.Abort, events[^1].FinishReason);
        var error = await Assert.ThrowsAsync<RequestRejectedException>(() => EngineRun.CollectAsync(engine, Greedy(2)));
        Assert.Equal(RequestRejectedException.EngineUnavailable, error.Code);
        engine.Dispose();
    }
}
