using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Endpoints;

/// <summary>
/// How chat requests with tools become jobs, and how the tool-call pieces a replica reads from its output (scripted
/// here in the shapes the replica's reader yields them) become OpenAI's message.tool_calls and streamed deltas.
/// </summary>
public sealed class ChatToolCallsEndpointTests
{
    const string Path = "/v1/chat/completions";

    const string Tools = """[{"type":"function","function":{"name":"get_weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},{"type":"function","function":{"name":"local_time","parameters":{"type":"object","properties":{}}}}]""";

    const string History = """
        [{"role":"user","content":"Weather in Oslo?"},
         {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
         {"role":"tool","tool_call_id":"call_1","content":"sunny"},
         {"role":"user","content":"And the time?"}]
        """;

    static string Body(string extra = "") => $$"""{"model":"{{ApiTestServer.Model}}","messages":{{History}},"tools":{{Tools}}{{extra}}}""";

    static TokenChunk Final(string text, params ToolCallChunk[] calls) =>
        new(text, [9], ToolCalls: calls.Length == 0 ? null : calls, FinishReason: calls.Length == 0 ? "stop" : "tool_calls",
            Usage: new TokenUsage(ScriptedBackend.PromptTokens, 1, 0));

    [Fact]
    public async Task ToolsAndTheToolHistoryReachTheJobAsSent()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body(""","parallel_tool_calls":false"""));

        var job = Assert.Single(server.Backend.Jobs);
        Assert.Equal(JsonNode.Parse(Tools)!.ToJsonString(), JsonNode.Parse(job.Tools!.ToolsJson)!.ToJsonString());
        Assert.Equal((true, false, false), (job.Tools.Parse, job.Tools.Parallel, job.Tools.Streamed));
        Assert.Equal(
        [
            new ChatMessageData("user", "Weather in Oslo?"),
            new ChatMessageData("assistant", "", null, [new ToolCallData("call_1", "get_weather", "{\"city\":\"Oslo\"}")]),
            new ChatMessageData("tool", "sunny", null, null, "call_1"),
            new ChatMessageData("user", "And the time?"),
        ], job.Messages);
    }

    [Fact]
    public async Task ToolChoiceNoneShowsTheToolsButAsksForNoParsing()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostAsync(Path, Body(""","tool_choice":"none","stream":true"""));

        var job = Assert.Single(server.Backend.Jobs);
        Assert.Equal((false, true, true), (job.Tools!.Parse, job.Tools.Parallel, job.Tools.Streamed));
    }

    [Fact]
    public async Task AnswerCarriesTheCallsInOpenAIsShapeTheTextAsContentAndFinishReasonToolCalls()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = _ => [new TokenChunk("", [1]), Final("Checking.",
            new ToolCallChunk(0, "call_aaa", "get_weather", "{\"city\": \"Oslo\"}"), new ToolCallChunk(1, "call_bbb", "local_time", "{}"))];

        var (status, body) = await server.PostJsonAsync(Path, Body());

        Assert.Equal(200, status);
        var choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)choice["finish_reason"]);
        Assert.Equal("Checking.", (string?)choice["message"]!["content"]);
        Assert.Equal(JsonNode.Parse("""
            [{"id":"call_aaa","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}},
             {"id":"call_bbb","type":"function","function":{"name":"local_time","arguments":"{}"}}]
            """)!.ToJsonString(), choice["message"]!["tool_calls"]!.ToJsonString());
    }

    [Fact]
    public async Task ATurnThatOnlyCallsToolsHasNullContent()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = _ => [Final("", new ToolCallChunk(0, "call_aaa", "local_time", "{}"))];

        var (_, body) = await server.PostJsonAsync(Path, Body());

        var message = body["choices"]![0]!["message"]!.AsObject();
        Assert.True(message.ContainsKey("content"));
        Assert.Null(message["content"]);
        Assert.Single(message["tool_calls"]!.AsArray());
    }

    [Fact]
    public async Task AnswerWithoutCallsHasNoToolCallsField()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, body) = await server.PostJsonAsync(Path, Body());

        var message = body["choices"]![0]!["message"]!.AsObject();
        Assert.False(message.ContainsKey("tool_calls"));
        Assert.Equal("stop", (string?)body["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task StreamSendsTextAsContentThenAFirstCallDeltaWithIdTypeAndNameThenArgumentFragments()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = _ =>
        [
            new TokenChunk("Checking.", [1]),
            new TokenChunk("", [2], ToolCalls: [new ToolCallChunk(0, "call_aaa", "get_weather", "")]),
            new TokenChunk("", [3], ToolCalls: [new ToolCallChunk(0, null, null, "{\"city\"")]),
            new TokenChunk("", [4], ToolCalls: [new ToolCallChunk(0, null, null, ": \"Oslo\"}")]),
            Final("", new ToolCallChunk(1, "call_bbb", "local_time", "{}")),
        ];

        var (status, text) = await server.PostAsync(Path, Body(""","stream":true"""));

        Assert.Equal(200, status);
        var events = ServerSentEvents.Parse(text);
        var deltas = events.Select(e => e["choices"]![0]!["delta"]!).ToList();
        Assert.Equal("Checking.", string.Concat(deltas.Select(d => (string?)d["content"])));
        var calls = deltas.Where(d => d["tool_calls"] is not null).SelectMany(d => d["tool_calls"]!.AsArray()).ToList();
        Assert.Equal("""{"index":0,"id":"call_aaa","type":"function","function":{"name":"get_weather","arguments":""}}""", calls[0]!.ToJsonString());
        Assert.Equal((0, "{\"city\""), ((int)calls[1]!["index"]!, (string?)calls[1]!["function"]!["arguments"]));
        Assert.Equal(["index", "function"], calls[1]!.AsObject().Select(p => p.Key));
        Assert.Equal(["arguments"], calls[1]!["function"]!.AsObject().Select(p => p.Key));
        Assert.Equal("{\"city\": \"Oslo\"}", string.Concat(calls.Where(c => (int)c!["index"]! == 0).Select(c => (string?)c!["function"]!["arguments"])));
        Assert.Equal("local_time", (string?)calls[^1]!["function"]!["name"]);
        Assert.Equal("tool_calls", (string?)events[^1]["choices"]![0]!["finish_reason"]);
        Assert.All(events.SkipLast(1), e => Assert.Null(e["choices"]![0]!["finish_reason"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ToolsInASessionTurnAreRefusedNotIgnored(bool toolsDefined)
    {
        await using var server = await ApiTestServer.StartAsync();
        var body = toolsDefined ? Body() : $$"""{"model":"{{ApiTestServer.Model}}","messages":{{History}}}""";

        var (status, error) = await server.PostJsonAsync(Path, body, r => r.Headers.Add("X-Session-Id", "s1"));

        Assert.Equal(400, status);
        Assert.Equal(("unsupported_parameter", "tools"), ((string?)error["error"]!["code"], (string?)error["error"]!["param"]));
        Assert.Empty(server.Backend.Turns);
    }

    [Fact]
    public async Task ANamedChoiceConstrainsTheOutputToThatFunctionsParameters()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body(""","tool_choice":{"type":"function","function":{"name":"get_weather"}}"""));

        var job = Assert.Single(server.Backend.Jobs);
        Assert.Equal(("get_weather", false), (job.Tools!.NamedFunction, job.Tools.Required));
        Assert.Equal((OutputConstraintKind.JsonSchema, "tools"), (job.OutputConstraint!.Kind, job.OutputConstraint.Param));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Tools)![0]!["function"]!["parameters"], JsonNode.Parse(job.OutputConstraint.Schema!)));
    }

    [Fact]
    public async Task RequiredConstrainsTheOutputToAnArrayOfCalls()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body(",\"tool_choice\":\"required\",\"parallel_tool_calls\":false"));

        var job = Assert.Single(server.Backend.Jobs);
        Assert.True(job.Tools!.Required);
        var schema = JsonNode.Parse(job.OutputConstraint!.Schema!)!;
        Assert.Equal(("array", 1), ((string?)schema["type"], (int)schema["maxItems"]!));
    }

    [Fact]
    public async Task AutoLeavesTheOutputUnconstrained()
    {
        await using var server = await ApiTestServer.StartAsync();

        await server.PostJsonAsync(Path, Body());

        Assert.Null(Assert.Single(server.Backend.Jobs).OutputConstraint);
    }
}
