using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Sampling;

public class SequenceSamplerTests
{
    private static readonly float[] Logits = [1.0f, 3.0f, 2.5f, -1.0f, 0.5f, 3.0f];

    private static SampledToken SampleOnce(SamplingParams parameters, float[] logits, int[]? prompt = null) =>
        new SequenceSampler(parameters, prompt ?? []).Sample((float[])logits.Clone(), new SamplerWorkspace(logits.Length));

    private static int[] Draws(SamplingParams parameters, int count, float[]? logits = null)
    {
        logits ??= Logits;
        var sampler = new SequenceSampler(parameters, []);
        var workspace = new SamplerWorkspace(logits.Length);
        var draws = new int[count];
        for (var i = 0; i < count; i++)
            draws[i] = sampler.Sample((float[])logits.Clone(), workspace).TokenId;
        return draws;
    }

    [Fact]
    public void GreedyPicksTheFirstLargestLogit()
    {
        Assert.Equal(1, SampleOnce(SamplingParams.Greedy, Logits).TokenId);
    }

    [Fact]
    public void RepetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfPromptTokens()
    {
        var logits = new float[] { 2f, 1.5f, -1f };
        var parameters = SamplingParams.Greedy with { RepetitionPenalty = 2f };
        Assert.Equal(1, SampleOnce(parameters, logits, prompt: [0]).TokenId); // 2/2 = 1 < 1.5

        var row = (float[])logits.Clone();
        Penalties.Apply(row, parameters, new TokenHistory(parameters, [0, 2]));
        Assert.Equal(new[] { 1f, 1.5f, -2f }, row);
    }

    [Fact]
    public void PresenceAndFrequencyPenaltiesCountOnlyGeneratedTokens()
    {
        var parameters = SamplingParams.Greedy with { PresencePenalty = 0.5f, FrequencyPenalty = 0.25f };
        var history = new TokenHistory(parameters, prompt: [2]);
        history.Add(0);
        history.Add(0);
        history.Add(1);
        var row = new float[] { 0f, 0f, 0f };
        Penalties.Apply(row, parameters, history);
        Assert.Equal(new[] { -1f, -0.75f, 0f }, row);
    }

    [Fact]
    public void GreedyDecodingAvoidsATokenOnceItsFrequencyPenaltyOutweighsTheMargin()
    {
        var logits = new float[] { 1f, 0.6f };
        var draws = Draws(SamplingParams.Greedy with { FrequencyPenalty = 0.3f }, 3, logits);
        Assert.Equal(new[] { 0, 0, 1 }, draws);
    }

    [Fact]
    public void SameSeedGivesTheSameTokensAndAnotherSeedDiffers()
    {
        var parameters = new SamplingParams { Temperature = 1.5f, Seed = 1234 };
        Assert.Equal(Draws(parameters, 50), Draws(parameters, 50));
        Assert.NotEqual(Draws(parameters, 50), Draws(parameters with { Seed = 99 }, 50));
    }

    [Fact]
    public void TopKDrawsOnlyTheKMostLikelyTokens()
    {
        var draws = Draws(new SamplingParams { Temperature = 5f, TopK = 2, Seed = 7 }, 400);
        Assert.All(draws, t => Assert.Contains(t, new[] { 1, 5 }));
        Assert.Contains(1, draws);
        Assert.Contains(5, draws);
    }

    [Fact]
    public void TopPKeepsTheSmallestSetReachingTheProbabilityMass()
    {
        // softmax gives tokens 1 and 5 0.352 each, token 2 0.213: 0.6 needs {1, 5}, 0.75 adds 2.
        Assert.All(Draws(new SamplingParams { TopP = 0.6f, Seed = 3 }, 400), t => Assert.Contains(t, new[] { 1, 5 }));
        var wider = Draws(new SamplingParams { TopP = 0.75f, Seed = 3 }, 400);
        Assert.All(wider, t => Assert.Contains(t, new[] { 1, 2, 5 }));
        Assert.Contains(2, wider);
    }

    [Fact]
    public void MinPDropsTokensFarLessLikelyThanTheBest()
    {
        // exp(2.5 - 3) = 0.61 survives min_p 0.5; exp(1 - 3) = 0.14 does not.
        var draws = Draws(new SamplingParams { MinP = 0.5f, Seed = 11 }, 400);
        Assert.All(draws, t => Assert.Contains(t, new[] { 1, 2, 5 }));
        Assert.Contains(2, draws);
    }

    [Fact]
    public void DrawFrequenciesFollowTheSoftmaxOfTheScaledLogits()
    {
        var logits = new float[] { 0f, 1f, 2f };
        var draws = Draws(new SamplingParams { Temperature = 2f, Seed = 5 }, 20000, logits);
        var expected = logits.Select(l => Math.Exp(l / 2)).ToArray();
        var sum = expected.Sum();
        for (var token = 0; token < 3; token++)
            Assert.InRange(draws.Count(t => t == token) / 20000.0, expected[token] / sum - 0.02, expected[token] / sum + 0.02);
    }

    [Fact]
    public void LogprobsAreTheLogSoftmaxOfTheTemperatureScaledLogits()
    {
        var result = SampleOnce(new SamplingParams { Temperature = 0.5f, Logprobs = 3, Seed = 1 }, Logits);
        var scaled = Logits.Select(l => l / 0.5).ToArray();
        var logZ = Math.Log(scaled.Sum(Math.Exp));
        Assert.Equal(scaled[result.TokenId] - logZ, result.Logprob!.Value, 4);
        Assert.Equal(new[] { 1, 5, 2 }, result.TopLogprobs!.Select(t => t.TokenId));
        Assert.All(result.TopLogprobs!, t => Assert.Equal(scaled[t.TokenId] - logZ, t.Logprob, 4));
    }

    [Fact]
    public void GreedyLogprobsUseTheUnscaledLogitsAndZeroAsksOnlyForTheSampledToken()
    {
        var result = SampleOnce(SamplingParams.Greedy with { Logprobs = 0 }, Logits);
        var logZ = Math.Log(Logits.Sum(l => Math.Exp(l)));
        Assert.Equal(3.0 - logZ, result.Logprob!.Value, 4);
        Assert.Empty(result.TopLogprobs!);
        Assert.Null(SampleOnce(SamplingParams.Greedy, Logits).Logprob);
    }

    [Theory]
    [InlineData(-0.1f, 1f, 0f)]
    [InlineData(1f, 0f, 0f)]
    [InlineData(1f, 1.5f, 0f)]
    [InlineData(1f, 1f, -0.5f)]
    public void OutOfRangeSettingsAreRejected(float temperature, float topP, float minP)
    {
        var parameters = new SamplingParams { Temperature = temperature, TopP = topP, MinP = minP };
        Assert.Throws<ArgumentException>(() => new SequenceSampler(parameters, []));
    }
}
