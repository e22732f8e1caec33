using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class CompletionsEndpointTests
{
    const string Path = "/v1/completions";

    static string Body(string prompt, string extra = "") => $$"""{"model":"{{ApiTestServer.Model}}","prompt":{{prompt}}{{extra}}}""";

    [Fact]
    public async Task TextPromptGetsTheWholeCompletionWithUsage()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(Path, Body("\"Once upon\"", ""","max_tokens":3"""));

        Assert.Equal(200, status);
        Assert.Equal("text_completion", (string?)body["object"]);
        Assert.StartsWith("cmpl-", (string?)body["id"]);
        var choice = body["choices"]![0]!;
        Assert.Equal(("Hello world!", "stop", 0), ((string?)choice["text"], (string?)choice["finish_reason"], (int)choice["index"]!));
        Assert.Equal((5, 3, 2), ((int)body["usage"]!["prompt_tokens"]!, (int)body["usage"]!["completion_tokens"]!,
            (int)body["usage"]!["prompt_tokens_details"]!["cached_tokens"]!));
        var job = Assert.Single(server.Backend.Jobs);
        Assert.Equal(("Once upon", 3), (job.PromptText, job.MaxTokens));
        Assert.Null(job.Messages);
    }

    [Fact]
    public async Task EveryPromptTimesNIsAChoiceIndexedPromptMajor()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostJsonAsync(Path, Body("""["a","b"]""", ""","n":2,"seed":3"""));

        var jobs = server.Backend.Jobs.OrderBy(j => j.RequestId, StringComparer.Ordinal).ToList();
        Assert.Equal(["a", "a", "b", "b"], jobs.Select(j => j.PromptText));
        Assert.Equal([3L, 4L, 3L, 4L], jobs.Select(j => j.Sampling.Seed!.Value));
        var choices = body["choices"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], choices.Select(c => (int)c!["index"]!));
        Assert.Equal(["Hello#3 world!", "Hello#4 world!", "Hello#3 world!", "Hello#4 world!"], choices.Select(c => (string?)c!["text"]));
        // Each prompt counts once; all four completions count.
        Assert.Equal((10, 12), ((int)body["usage"]!["prompt_tokens"]!, (int)body["usage"]!["completion_tokens"]!));
    }

    [Fact]
    public async Task TokenIdPromptsReachTheJobAsIds()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body("[[1,2,3],[4]]"));

        Assert.Equal([[1, 2, 3], [4]], server.Backend.Jobs.OrderBy(j => j.RequestId, StringComparer.Ordinal).Select(j => j.PromptTokenIds!.ToArray()));
        Assert.All(server.Backend.Jobs, j => Assert.Null(j.PromptText));
    }

    [Fact]
    public async Task StreamSendsTextChunksThenTheFinishThenUsageThenDone()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostAsync(Path, Body("\"x\"", ""","stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal(200, status);
        var events = ServerSentEvents.Parse(body);
        Assert.All(events, e => Assert.Equal("text_completion", (string?)e["object"]));
        Assert.Equal("Hello world!", string.Concat(events.SkipLast(1).Select(e => (string?)e["choices"]![0]!["text"])));
        Assert.All(events.SkipLast(2), e => Assert.Null(e["choices"]![0]!["finish_reason"]));
        Assert.Equal("stop", (string?)events[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(events[^1]["choices"]!.AsArray());
        Assert.Equal(8, (int)events[^1]["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task LogprobsComeAsParallelArraysWithTextOffsets()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostJsonAsync(Path, Body("\"x\"", ""","logprobs":1"""));

        Assert.Equal(1, Assert.Single(server.Backend.Jobs).Sampling.Logprobs);
        var logprobs = body["choices"]![0]!["logprobs"]!;
        Assert.Equal(["Hello", " world", "!"], logprobs["tokens"]!.AsArray().Select(t => (string?)t));
        Assert.Equal([-0.25f, -0.5f, -1f], logprobs["token_logprobs"]!.AsArray().Select(t => (float)t!));
        Assert.Equal([0, 5, 11], logprobs["text_offset"]!.AsArray().Select(t => (int)t!));
        Assert.Equal(-3f, (float)logprobs["top_logprobs"]![1]!["alt"]!);
    }

    [Fact]
    public async Task StreamedTextOffsetsContinueAcrossChunks()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostAsync(Path, Body("\"x\"", ""","logprobs":0,"stream":true"""));

        var offsets = ServerSentEvents.Parse(body).SelectMany(e => e["choices"]![0]!["logprobs"]!["text_offset"]!.AsArray().Select(o => (int)o!));
        Assert.Equal([0, 5, 11], offsets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TextOffsetsFollowTheReturnedTextWhenTokenTextsLoseTheirSpace(bool stream)
    {
        await using var server = await ApiTestServer.StartAsync();
        // A SentencePiece token decoded alone drops its leading space: the token reads "world", the text " world".
        server.Backend.Script = job =>
        [
            ScriptedBackend.Chunk(job, "Hello", 1, -0.25f),
            ScriptedBackend.Chunk(job, " world", 2, -0.5f) with { Logprobs = [new(2, "world", -0.5f, [])] },
            ScriptedBackend.Chunk(job, " again", 3, -1f) with { Logprobs = [new(3, "again", -1f, [])], FinishReason = "length" },
        ];

        var (_, body) = await server.PostAsync(Path, Body("\"x\"", $$""","logprobs":0,"stream":{{(stream ? "true" : "false")}}"""));

        var offsets = stream
            ? ServerSentEvents.Parse(body).SelectMany(e => e["choices"]![0]!["logprobs"]!["text_offset"]!.AsArray())
            : System.Text.Json.Nodes.JsonNode.Parse(body)!["choices"]![0]!["logprobs"]!["text_offset"]!.AsArray();
        Assert.Equal([0, 5, 11], offsets.Select(o => (int)o!));
    }
}
