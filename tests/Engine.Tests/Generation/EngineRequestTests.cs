using System.Text.Json.Nodes;
using Platform.Engine.Generation;
using Platform.Engine.Sampling;

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
        Assert.Equal(tiny.Tokenizer.Decode(expected, skipSpecialTokens: true), result.Text);
    }

    [Fact]
    public async Task MaxTokensEndsWithLengthAndReportsUsage()
    {
        var result = await RunAsync(Greedy(5));
        Assert.Equal(5, result.Tokens.Length);
        Assert.Equal(FinishReason.Length, result.Final.FinishReason);
        Assert.Equal(new GenerationUsage(3, 5, 0), result.Final.Usage);
        Assert.All(result.Events.SkipLast(1), e => Assert.Null(e.FinishReason));
        Assert.NotNull(result.Final.Metrics!.TimeToFirstToken);
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
        await Assert.ThrowsAsync<RequestRejectedException>(() => EngineRun.CollectAsync(engine, Greedy(2)));
    }
}
