using Platform.Engine.Generation;
using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Generation;

/// <summary>logit_bias, min_tokens and ignore_eos through the real engine on the random-weight tiny-llama, greedy.</summary>
public class EngineLogitControlTests(TinyModel tiny) : IClassFixture<TinyModel>
{
    private static readonly int[] Prompt = [1, 15043, 3186];
    private const int Eos = 2;

    private async Task<EngineRun.Result> RunAsync(SamplingParams sampling, StopConditions stop)
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
            return await EngineRun.CollectAsync(engine, new GenerationRequest { PromptTokenIds = Prompt, Sampling = sampling, StopConditions = stop });
    }

    private static IReadOnlyDictionary<int, float> Bias(int token, float value) => new Dictionary<int, float> { [token] = value };

    [Fact]
    public async Task ABiasOfMinus100BansTheGreedyToken()
    {
        var plain = await RunAsync(SamplingParams.Greedy, new StopConditions { MaxTokens = 6, IgnoreEos = true });
        var banned = plain.Tokens[0];

        var biased = await RunAsync(SamplingParams.Greedy with { LogitBias = Bias(banned, -100) }, new StopConditions { MaxTokens = 6, IgnoreEos = true });

        Assert.DoesNotContain(banned, biased.Tokens);
        Assert.Equal(6, biased.Tokens.Length);
    }

    [Fact]
    public async Task ABiasOfPlus100ForcesAToken()
    {
        var plain = await RunAsync(SamplingParams.Greedy, new StopConditions { MaxTokens = 4, IgnoreEos = true });
        var forced = Enumerable.Range(100, 50).First(t => !plain.Tokens.Contains(t));

        var biased = await RunAsync(SamplingParams.Greedy with { LogitBias = Bias(forced, 100) }, new StopConditions { MaxTokens = 4, IgnoreEos = true });

        Assert.Equal(new[] { forced, forced, forced, forced }, biased.Tokens);
    }

    [Fact]
    public async Task AForcedEosEndsTheRequestAtOnce_UnlessIgnoreEosThenItRunsToMaxTokens()
    {
        var forcedEos = SamplingParams.Greedy with { LogitBias = Bias(Eos, 100) };

        var stopped = await RunAsync(forcedEos, new StopConditions { MaxTokens = 5 });
        var ignored = await RunAsync(forcedEos, new StopConditions { MaxTokens = 5, IgnoreEos = true });

        Assert.Equal(new[] { Eos }, stopped.Tokens);
        Assert.Equal(FinishReason.Stop, stopped.Final.FinishReason);
        Assert.Equal(new[] { Eos, Eos, Eos, Eos, Eos }, ignored.Tokens);
        Assert.Equal(FinishReason.Length, ignored.Final.FinishReason);
    }

    [Fact]
    public async Task MinTokensKeepsEosAndStopTokenIdsFromBeingSampledUntilThatManyTokensAreGenerated()
    {
        var forced = SamplingParams.Greedy with { LogitBias = new Dictionary<int, float> { [Eos] = 100, [500] = 90 }, MinTokens = 3 };

        var result = await RunAsync(forced, new StopConditions { MaxTokens = 10, StopTokenIds = [500] });

        // EOS and the stop token 500 are banned for the first three tokens; the fourth is EOS again.
        Assert.Equal(4, result.Tokens.Length);
        Assert.DoesNotContain(Eos, result.Tokens[..3]);
        Assert.DoesNotContain(500, result.Tokens[..3]);
        Assert.Equal(Eos, result.Tokens[3]);
        Assert.Equal(FinishReason.Stop, result.Final.FinishReason);
    }

    [Fact]
    public async Task StopStringsCountOnlyAfterMinTokens()
    {
        var plain = await RunAsync(SamplingParams.Greedy, new StopConditions { MaxTokens = 6, IgnoreEos = true });
        var firstText = plain.Events.First(e => e.Text.Trim().Length > 0).Text.Trim();

        var early = await RunAsync(SamplingParams.Greedy, new StopConditions { MaxTokens = 6, IgnoreEos = true, Stop = [firstText] });
        var held = await RunAsync(SamplingParams.Greedy with { MinTokens = 6 }, new StopConditions { MaxTokens = 6, IgnoreEos = true, Stop = [firstText] });

        Assert.Equal(FinishReason.Stop, early.Final.FinishReason);
        Assert.Equal(FinishReason.Length, held.Final.FinishReason);
        Assert.Equal(plain.Text, held.Text);
    }

    [Fact]
    public async Task ALogitBiasOutsideTheVocabularyAndMinTokensAboveMaxTokensAreRefused()
    {
        var outside = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            RunAsync(SamplingParams.Greedy with { LogitBias = Bias(32000, 5) }, new StopConditions { MaxTokens = 2 }));
        var tooMany = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            RunAsync(SamplingParams.Greedy with { MinTokens = 5 }, new StopConditions { MaxTokens = 2 }));

        Assert.Contains("logit_bias", outside.Message);
        Assert.Contains("min_tokens", tooMany.Message);
    }
}
