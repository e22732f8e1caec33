using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Endpoints;

public sealed class ChatCompletionsEndpointTests
{
    const string Path = "/v1/chat/completions";

    static string Body(string extra = "") =>
        $$"""{"model":"{{ApiTestServer.Model}}","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]}]{{extra}}}""";

    [Fact]
    public async Task WholeAnswerCarriesTheGeneratedTextFinishReasonAndUsageWithCachedTokens()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(Path, Body());

        Assert.Equal(200, status);
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.StartsWith("chatcmpl-", (string?)body["id"]);
        Assert.Equal(ApiTestServer.Model, (string?)body["model"]);
        var choice = body["choices"]![0]!;
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
        Assert.Equal("Hello world!", (string?)choice["message"]!["content"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.Null(choice["logprobs"]);
        var usage = body["usage"]!;
        Assert.Equal((5, 3, 8, 2), ((int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!,
            (int)usage["prompt_tokens_details"]!["cached_tokens"]!));
    }

    [Fact]
    public async Task RequestFieldsBecomeTheJobsMessagesLimitsAndSampling()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body("""
            ,"max_tokens":9,"max_completion_tokens":7,"temperature":0.5,"top_p":0.9,"top_k":40,"min_p":0.1,"seed":11,
            "presence_penalty":0.25,"frequency_penalty":-0.5,"repetition_penalty":1.2,"stop":["END"],"user":"u1"
            """));

        var job = Assert.Single(server.Backend.Jobs);
        Assert.Equal(ApiTestServer.Model, job.Model);
        Assert.Equal([new ChatMessageData("system", "Be brief."), new ChatMessageData("user", "Hi there")], job.Messages);
        Assert.Equal(7, job.MaxTokens);
        Assert.Equal(["END"], job.Stop);
        Assert.Equal(new SamplingSettings
        {
            Temperature = 0.5f, TopP = 0.9f, TopK = 40, MinP = 0.1f, Seed = 11, PresencePenalty = 0.25f, FrequencyPenalty = -0.5f,
            RepetitionPenalty = 1.2f, Logprobs = null,
        }, job.Sampling);
    }

    [Fact]
    public async Task StreamAnnouncesTheRoleFirstThenTextThenTheFinishReasonThenDone()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostAsync(Path, Body(""","stream":true"""));

        Assert.Equal(200, status);
        var events = ServerSentEvents.Parse(body);
        Assert.All(events, e => Assert.Equal("chat.completion.chunk", (string?)e["object"]));
        Assert.All(events, e => Assert.NotNull(e["choices"]));
        Assert.All(events, e => Assert.Null(e["usage"]));
        Assert.Equal("assistant", (string?)events[0]["choices"]![0]!["delta"]!["role"]);
        var texts = events.Skip(1).SkipLast(1).Select(e => (string?)e["choices"]![0]!["delta"]!["content"]);
        Assert.Equal("Hello world!", string.Concat(texts));
        Assert.All(events.SkipLast(1), e => Assert.Null(e["choices"]![0]!["finish_reason"]));
        Assert.Equal("stop", (string?)events[^1]["choices"]![0]!["finish_reason"]);
        Assert.Single(events.Select(e => (string?)e["id"]).Distinct());
    }

    [Fact]
    public async Task IncludeUsageEndsTheStreamWithAUsageChunkWithoutChoices()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostAsync(Path, Body(""","stream":true,"stream_options":{"include_usage":true}"""));

        var events = ServerSentEvents.Parse(body);
        var last = events[^1];
        Assert.Empty(last["choices"]!.AsArray());
        Assert.Equal((5, 3, 2), ((int)last["usage"]!["prompt_tokens"]!, (int)last["usage"]!["completion_tokens"]!,
            (int)last["usage"]!["prompt_tokens_details"]!["cached_tokens"]!));
        Assert.Equal("stop", (string?)events[^2]["choices"]![0]!["finish_reason"]);
        Assert.All(events.SkipLast(1), e => Assert.Null(e["usage"]));
    }

    [Fact]
    public async Task NChoicesFanOutAsJobsWithDistinctRequestIdsAndSeedPlusIndex()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostJsonAsync(Path, Body(""","n":3,"seed":7"""));

        var jobs = server.Backend.Jobs.ToList();
        Assert.Equal(3, jobs.Select(j => j.RequestId).Distinct().Count());
        Assert.Equal([7L, 8L, 9L], jobs.Select(j => j.Sampling.Seed!.Value).Order());
        var choices = body["choices"]!.AsArray();
        Assert.Equal([0, 1, 2], choices.Select(c => (int)c!["index"]!));
        Assert.Equal(["Hello#7 world!", "Hello#8 world!", "Hello#9 world!"], choices.Select(c => (string?)c!["message"]!["content"]));
        // The prompt is counted once; every choice's tokens are counted.
        Assert.Equal((5, 9), ((int)body["usage"]!["prompt_tokens"]!, (int)body["usage"]!["completion_tokens"]!));
    }

    [Fact]
    public async Task StreamedChoicesEachGetTheirRoleTextAndFinish()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostAsync(Path, Body(""","n":2,"seed":1,"stream":true"""));

        var events = ServerSentEvents.Parse(body);
        foreach (var index in new[] { 0, 1 })
        {
            var mine = events.Select(e => e["choices"]![0]!).Where(c => (int)c["index"]! == index).ToList();
            Assert.Equal("assistant", (string?)mine[0]["delta"]!["role"]);
            Assert.Equal($"Hello#{1 + index} world!", string.Concat(mine.Skip(1).Select(c => (string?)c["delta"]!["content"])));
            Assert.Equal("stop", (string?)mine[^1]["finish_reason"]);
            Assert.Single(mine, c => c["finish_reason"] is not null);
        }
    }

    [Fact]
    public async Task LogprobsComeInChatShapeWithBytesAndAlternatives()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostJsonAsync(Path, Body(""","logprobs":true,"top_logprobs":2"""));

        Assert.Equal(2, Assert.Single(server.Backend.Jobs).Sampling.Logprobs);
        var content = body["choices"]![0]!["logprobs"]!["content"]!.AsArray();
        Assert.Equal(["Hello", " world", "!"], content.Select(c => (string?)c!["token"]));
        Assert.Equal(-0.25f, (float)content[0]!["logprob"]!);
        Assert.Equal(Encoding.UTF8.GetBytes(" world").Select(b => (int)b), content[1]!["bytes"]!.AsArray().Select(b => (int)b!));
        var top = content[2]!["top_logprobs"]!.AsArray();
        Assert.Equal(["!", "alt"], top.Select(t => (string?)t!["token"]));
        Assert.Equal(-3f, (float)top[1]!["logprob"]!);
    }

    [Fact]
    public async Task StreamedLogprobsTravelWithTheirText()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostAsync(Path, Body(""","logprobs":true,"stream":true"""));

        var texts = ServerSentEvents.Parse(body).Select(e => e["choices"]![0]!).Where(c => (string?)c["delta"]!["content"] is { Length: > 0 }).ToList();
        Assert.All(texts, c => Assert.Equal((string?)c["delta"]!["content"], (string?)c["logprobs"]!["content"]![0]!["token"]));
    }

    [Fact]
    public async Task SessionHeaderSendsOnlyTheNewTurnToThatSession()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(Path, Body(), r => r.Headers.Add("X-Session-Id", "conv-1"));

        Assert.Equal(200, status);
        Assert.Equal("Hello world!", (string?)body["choices"]![0]!["message"]!["content"]);
        var turn = Assert.Single(server.Backend.Turns);
        Assert.Equal([new ChatMessageData("system", "Be brief."), new ChatMessageData("user", "Hi there")], turn.NewMessages);
        Assert.Equal("conv-1", Assert.Single(server.Backend.Jobs).AffinityKey);
    }

    [Fact]
    public async Task SessionTurnWithSeveralChoicesIsRefused()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(Path, Body(""","n":2"""), r => r.Headers.Add("X-Session-Id", "conv-1"));

        Assert.Equal(400, status);
        Assert.Equal("n", (string?)body["error"]!["param"]);
        Assert.Empty(server.Backend.Turns);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("conv-1")]
    public async Task ClientDisconnectMidStreamCancelsTheGeneration(string? sessionId)
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.HoldUntilCancelled = true;
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Body(""","stream":true"""), Encoding.UTF8, "application/json") };
        if (sessionId is not null)
            request.Headers.Add("X-Session-Id", sessionId);

        using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            // Wait for real text so the generation is known to be running before the client leaves.
            while (await reader.ReadLineAsync() is { } line && !line.Contains("Hello", StringComparison.Ordinal))
            {
            }
        }

        var job = Assert.Single(server.Backend.Jobs);
        await server.Backend.WaitForCancelAsync(job.RequestId);
        Assert.Equal([job.RequestId], server.Backend.Cancelled);
    }

    [Fact]
    public async Task PromptCacheKey_BecomesTheJobsRoutingAffinity()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostAsync(Path, """{"model":"tiny","messages":[{"role":"user","content":"hi"}],"prompt_cache_key":"tenant-7"}""");

        Assert.Equal(200, status);
        Assert.Equal("cache-key:tenant-7", (await server.Backend.FirstJobAsync()).AffinityKey);
    }

    [Fact]
    public async Task ClientGivingUpOnAWholeAnswerCancelsTheGeneration()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.HoldUntilCancelled = true;
        using var giveUp = new CancellationTokenSource();
        var request = server.Client.PostAsync(Path, new StringContent(Body(), Encoding.UTF8, "application/json"), giveUp.Token);

        var job = await server.Backend.FirstJobAsync();
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await server.Backend.WaitForCancelAsync(job.RequestId);
    }

    [Fact]
    public async Task FailureAfterTheStreamStartedIsAnErrorEventThenDone()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = job => [ScriptedBackend.Chunk(job, "Hel", 1, 0), new TokenChunk("", [], Error: new GenerationError("model_unavailable", "replica crashed"))];

        var (status, body) = await server.PostAsync(Path, Body(""","stream":true"""));

        Assert.Equal(200, status);
        var error = ServerSentEvents.Parse(body)[^1]["error"]!;
        Assert.Equal(("model_unavailable", "replica crashed"), ((string?)error["code"], (string?)error["message"]));
    }

    [Fact]
    public async Task FailureOfAWholeAnswerIsAnErrorStatus()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = _ => [new TokenChunk("", [], Error: new GenerationError("model_unavailable", "replica crashed"))];

        var (status, body) = await server.PostJsonAsync(Path, Body());

        Assert.Equal(503, status);
        Assert.Equal("model_unavailable", (string?)body["error"]!["code"]);
    }
}
