using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Endpoints;

public sealed class ErrorEnvelopeTests
{
    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""";

    static void AssertEnvelope(JsonNode body, string type, string? code, string? param)
    {
        var error = body["error"]!.AsObject();
        Assert.Equal(["message", "type", "param", "code"], error.Select(p => p.Key));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.Equal((type, code, param), ((string?)error["type"], (string?)error["code"], (string?)error["param"]));
    }

    [Fact]
    public async Task UnknownModelIs404ModelNotFound()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat.Replace("tiny", "gpt-9"));

        Assert.Equal(404, status);
        AssertEnvelope(body, "invalid_request_error", "model_not_found", "model");
        Assert.Empty(server.Backend.Jobs);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    [InlineData("/tokenize")]
    public async Task MalformedJsonIs400WithoutParam(string path)
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(path, """{"model": "tiny",""");

        Assert.Equal(400, status);
        AssertEnvelope(body, "invalid_request_error", null, null);
    }

    [Fact]
    public async Task InvalidFieldIs400NamingTheField()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat.Replace("}]}", "}],\"temperature\":5}"));

        Assert.Equal(400, status);
        AssertEnvelope(body, "invalid_request_error", "decimal_above_max_value", "temperature");
    }

    [Fact]
    public async Task AnUnsupportedContentPartIsRefusedRatherThanIgnored()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions",
            """{"model":"tiny","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""");

        Assert.Equal(400, status);
        AssertEnvelope(body, "invalid_request_error", "unsupported_parameter", "messages[0].content[0].type");
    }

    [Theory]
    [InlineData(PlatformRequestException.ContextLengthExceeded, 400, "invalid_request_error")]
    [InlineData(PlatformRequestException.InvalidValue, 400, "invalid_request_error")]
    [InlineData(PlatformRequestException.ModelNotFound, 404, "invalid_request_error")]
    [InlineData(PlatformRequestException.QueueFull, 429, "rate_limit_error")]
    [InlineData(PlatformRequestException.ModelUnavailable, 503, "server_error")]
    [InlineData(PlatformRequestException.ModelLoading, 503, "server_error")]
    [InlineData(PlatformRequestException.ReplicaDraining, 503, "server_error")]
    [InlineData(PlatformRequestException.StateUnavailable, 503, "server_error")]
    [InlineData(PlatformRequestException.SessionBusy, 409, "invalid_request_error")]
    public async Task GrainRefusalsMapToTheirStatus(string code, int expectedStatus, string type)
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Refuse = _ => new PlatformRequestException(code, $"refused: {code}", "messages");

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat);

        Assert.Equal(expectedStatus, status);
        AssertEnvelope(body, type, code, "messages");
        Assert.Equal($"refused: {code}", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task RefusalOfAStreamedRequestIsAPlainErrorResponseBeforeAnyEvent()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Refuse = _ => new PlatformRequestException(PlatformRequestException.ModelLoading, "still loading");

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat.Replace("}]}", "}],\"stream\":true}"));

        Assert.Equal(503, status);
        AssertEnvelope(body, "server_error", "model_loading", null);
    }

    [Fact]
    public async Task ReplicaStillLoadingIsAskedAgainAndTheRequestSucceedsOnceItAdmits()
    {
        await using var server = await ApiTestServer.StartAsync();
        var refused = 0;
        server.Backend.Refuse = _ => Interlocked.Increment(ref refused) == 1
            ? new PlatformRequestException(PlatformRequestException.ModelLoading, "still loading")
            : null;

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat);

        Assert.Equal(200, status);
        Assert.Equal("Hello world!", (string?)body["choices"]![0]!["message"]!["content"]);
        Assert.Equal(2, server.Backend.Jobs.Count);
    }

    [Fact]
    public async Task RefusalOfALaterChoiceCancelsTheChoicesAlreadyStarted()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.HoldUntilCancelled = true;
        server.Backend.Refuse = job => job.Sampling.Seed == 2 ? new PlatformRequestException(PlatformRequestException.QueueFull, "full") : null;

        var (status, _) = await server.PostJsonAsync("/v1/chat/completions", Chat.Replace("}]}", "}],\"n\":3,\"seed\":0}"));

        Assert.Equal(429, status);
        var started = server.Backend.Jobs.Where(j => j.Sampling.Seed < 2).Select(j => j.RequestId).Order().ToList();
        Assert.Equal(2, started.Count);
        foreach (var requestId in started)
            await server.Backend.WaitForCancelAsync(requestId);
        Assert.Equal(started, server.Backend.Cancelled.Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AChoiceThatFailsMidwayCancelsTheOtherChoicesStillRunning(bool stream)
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.HoldUntilCancelled = true;
        server.Backend.Script = job => job.Sampling.Seed == 0
            ? [ScriptedBackend.Chunk(job, "Hello", 1, -0.25f), new TokenChunk("", [], Error: new GenerationError("internal_error", "engine failed"))]
            : ScriptedBackend.HelloWorld(job);

        var (status, _) = await server.PostAsync("/v1/chat/completions",
            Chat.Replace("}]}", $"}}],\"n\":2,\"seed\":0,\"stream\":{(stream ? "true" : "false")}}}"));

        Assert.Equal(stream ? 200 : 500, status);
        var held = Assert.Single(server.Backend.Jobs, j => j.Sampling.Seed == 1);
        await server.Backend.WaitForCancelAsync(held.RequestId);
    }

    [Fact]
    public async Task UnexpectedFailureIsA500EnvelopeThatKeepsItsMessageInternalAndTheServerKeepsServing()
    {
        await using var server = await ApiTestServer.StartAsync();
        // Thrown while routing, outside any replica: a replica's crash would be retried elsewhere instead.
        server.Backend.RouteFailure = job => job.Sampling.Seed == 1 ? new InvalidOperationException("boom") : null;

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat.Replace("}]}", "}],\"seed\":1}"));
        var (after, _) = await server.PostJsonAsync("/v1/chat/completions", Chat);

        Assert.Equal(500, status);
        AssertEnvelope(body, "server_error", null, null);
        Assert.DoesNotContain("boom", (string?)body["error"]!["message"]);
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task UnknownRouteIs404Envelope()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/nothing-here");

        Assert.Equal(404, status);
        AssertEnvelope(body, "invalid_request_error", "unknown_url", null);
    }

    [Fact]
    public async Task WrongMethodIs405Envelope()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/chat/completions");

        Assert.Equal(405, status);
        AssertEnvelope(body, "invalid_request_error", "method_not_allowed", null);
    }

    [Fact]
    public async Task ConfiguredApiKeyIsRequiredAsBearerToken()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.ApiKey = "sk-test");

        var (missing, body) = await server.SendAsync(HttpMethod.Get, "/v1/models");
        var (wrong, _) = await server.SendAsync(HttpMethod.Get, "/v1/models", bearer: "sk-other");
        var (right, _) = await server.SendAsync(HttpMethod.Get, "/v1/models", bearer: "sk-test");
        var (health, _) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal((401, 401, 200, 200), (missing, wrong, right, health));
        AssertEnvelope(body, "invalid_request_error", "invalid_api_key", null);
    }
}
