using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

/// <summary>The fields chat clients and benchmark clients send reach the job (or the session turn) instead of being dropped.</summary>
public sealed class ChatClientFieldsTests
{
    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}]""";

    [Fact]
    public async Task LogitBiasMinTokensAndIgnoreEos_BecomeTheJobsSamplingAndStopSettings()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostAsync("/v1/chat/completions",
            Chat + ""","logit_bias":{"13":-100,"7":2.5},"min_tokens":3,"ignore_eos":true,"max_completion_tokens":8,"max_tokens":100}""");

        Assert.Equal(200, status);
        var job = await server.Backend.FirstJobAsync();
        Assert.Equal(new Dictionary<int, float> { [13] = -100f, [7] = 2.5f }, job.Sampling.LogitBias);
        Assert.Equal(3, job.Sampling.MinTokens);
        Assert.True(job.IgnoreEos);
        // max_completion_tokens wins over max_tokens.
        Assert.Equal(8, job.MaxTokens);
    }

    [Fact]
    public async Task WithoutTheFields_TheJobHasNoBiasNoMinimumAndStopsAtEos()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostAsync("/v1/chat/completions", Chat + "}");

        var job = await server.Backend.FirstJobAsync();
        Assert.Null(job.Sampling.LogitBias);
        Assert.Equal(0, job.Sampling.MinTokens);
        Assert.False(job.IgnoreEos);
        Assert.Null(job.AffinityKey);
    }

    [Fact]
    public async Task ASessionTurnCarriesStopTokenIdsIgnoreEosAndTheSampling()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostAsync("/v1/chat/completions",
            Chat + ""","stop_token_ids":[5,6],"ignore_eos":true,"min_tokens":2,"logit_bias":{"9":1}}""",
            r => r.Headers.Add("X-Session-Id", "s-1"));

        Assert.Equal(200, status);
        var turn = Assert.Single(server.Backend.Turns);
        Assert.Equal([5, 6], turn.StopTokenIds);
        Assert.True(turn.IgnoreEos);
        Assert.Equal(2, turn.Sampling.MinTokens);
        Assert.Equal(1f, turn.Sampling.LogitBias![9]);
    }

    [Fact]
    public async Task PromptCacheKeyOnACompletion_BecomesTheRoutingAffinity_AndAnOverlongKeyIsRefused()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostAsync("/v1/completions", """{"model":"tiny","prompt":"x","prompt_cache_key":"tenant-9"}""");
        var (tooLong, body) = await server.PostJsonAsync("/v1/chat/completions", Chat + $$""","prompt_cache_key":"{{new string('k', 513)}}"}""");

        Assert.Equal(200, status);
        Assert.Equal("cache-key:tenant-9", (await server.Backend.FirstJobAsync()).AffinityKey);
        Assert.Equal(400, tooLong);
        Assert.Equal("prompt_cache_key", (string?)body["error"]!["param"]);
        Assert.Equal("string_above_max_length", (string?)body["error"]!["code"]);
    }
}
