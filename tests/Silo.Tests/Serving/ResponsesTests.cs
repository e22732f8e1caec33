using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`/v1/responses` on the real server: tiny-qwen2 answering greedily, responses stored in memory grain state.</summary>
[Collection(ServingCollection.Name)]
public class ResponsesTests(ServingServer server)
{
    private const int BlockSize = 16;

    [Fact]
    public async Task TextInput_IsOneUserMessage_AndTheAnswerIsAResponseObjectWithOneOutputMessage()
    {
        var (status, body) = await CreateAsync(new JsonObject { ["input"] = "Tell me a story about a cat." });

        Assert.True(status == 200, body.ToJsonString());
        Assert.StartsWith("resp_", body["id"]!.GetValue<string>());
        Assert.Equal(("response", ServingServer.Qwen, true), (body["object"]!.GetValue<string>(), body["model"]!.GetValue<string>(), body["store"]!.GetValue<bool>()));
        // output_text is an SDK convenience, not part of the wire object.
        Assert.Null(body["output_text"]);
        var message = body["output"]!.AsArray().Single()!;
        Assert.StartsWith("msg_", message["id"]!.GetValue<string>());
        Assert.Equal(("message", "assistant"), (message["type"]!.GetValue<string>(), message["role"]!.GetValue<string>()));
        var part = message["content"]!.AsArray().Single()!;
        Assert.Equal("output_text", part["type"]!.GetValue<string>());
        Assert.Empty(part["annotations"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(part["text"]!.GetValue<string>()));
        var usage = body["usage"]!;
        Assert.Equal(await CountAsync(User("Tell me a story about a cat.")), usage["input_tokens"]!.GetValue<int>());
        Assert.Equal(usage["input_tokens"]!.GetValue<int>() + usage["output_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(0, usage["output_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task OutputCutByMaxOutputTokens_IsIncomplete_WithThatReason()
    {
        var (_, body) = await CreateAsync(new JsonObject { ["input"] = "Tell me a story about a cat.", ["max_output_tokens"] = 16 });

        // Greedy tiny-qwen2 does not end this answer within 16 tokens.
        Assert.Equal(16, body["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.Equal("incomplete", body["status"]!.GetValue<string>());
        Assert.Equal("max_output_tokens", body["incomplete_details"]!["reason"]!.GetValue<string>());
        Assert.Equal("incomplete", body["output"]![0]!["status"]!.GetValue<string>());
        Assert.Null(body["completed_at"]);
    }

    [Fact]
    public async Task MessageInputWithInstructions_PromptsTheInstructionsAsSystemThenTheMessages_TokenForToken()
    {
        var (status, body) = await CreateAsync(new JsonObject
        {
            ["instructions"] = "Answer like a pirate.",
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "Hello!" }) },
                new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "Ahoy." }) },
                new JsonObject { ["role"] = "user", ["content"] = "Where is the treasure?" }),
        });

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("Answer like a pirate.", body["instructions"]!.GetValue<string>());
        var expected = await CountAsync(Message("system", "Answer like a pirate."), User("Hello!"), Message("assistant", "Ahoy."), User("Where is the treasure?"));
        Assert.Equal(expected, body["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task FollowUp_ReportsTheEarlierTurnAsCachedTokens()
    {
        const string instructions = "Be brief.";
        var first = await CreateOkAsync(new JsonObject { ["instructions"] = instructions, ["input"] = "Tell me a story about a cat who lives in a lighthouse." });

        var next = await CreateOkAsync(new JsonObject
        {
            ["instructions"] = instructions, ["previous_response_id"] = Id(first), ["input"] = "What happened next?",
        });

        var firstTotal = first["usage"]!["total_tokens"]!.GetValue<int>();
        var cached = next["usage"]!["input_tokens_details"]!["cached_tokens"]!.GetValue<int>();
        Assert.True(cached >= firstTotal - BlockSize, $"cached {cached} of the first response's {firstTotal} tokens");
        Assert.True(next["usage"]!["input_tokens"]!.GetValue<int>() > firstTotal);
        Assert.Equal(Id(first), next["previous_response_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task FollowUpWithoutTheInstructions_PromptsTheEarlierTurnWithoutThem_TokenForToken()
    {
        var first = await CreateOkAsync(new JsonObject { ["instructions"] = "Answer like a pirate.", ["input"] = "Hello!" });

        var next = await CreateOkAsync(new JsonObject { ["previous_response_id"] = Id(first), ["input"] = "And then?" });

        // The instructions are not carried over, so the prompt is re-encoded from the earlier turn's text.
        var expected = await CountAsync(User("Hello!"), Message("assistant", Text(first)), User("And then?"));
        Assert.Equal(expected, next["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Null(next["instructions"]);
    }

    [Fact]
    public async Task Stream_SendsTheSpecsEventsInOrder_AndItsDeltasMakeTheStoredText()
    {
        var events = await StreamAsync(new JsonObject { ["input"] = "Tell me a story about a cat.", ["stream"] = true });

        var types = events.Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], types.Take(4));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.incomplete"], types.TakeLast(4));
        var deltas = events.Skip(4).SkipLast(4).ToList();
        Assert.True(deltas.Count > 1);
        Assert.All(deltas, d => Assert.Equal("response.output_text.delta", d["type"]!.GetValue<string>()));
        Assert.All(deltas, d => Assert.NotNull(d["obfuscation"]));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e["sequence_number"]!.GetValue<int>()));

        var text = string.Concat(deltas.Select(d => d["delta"]!.GetValue<string>()));
        Assert.Equal(text, events[^4]["text"]!.GetValue<string>());
        Assert.Equal(text, events[^3]["part"]!["text"]!.GetValue<string>());
        var final = events[^1]["response"]!;
        Assert.Equal(text, Text(final));
        Assert.Equal("in_progress", events[0]["response"]!["status"]!.GetValue<string>());
        var (status, stored) = await GetAsync($"/v1/responses/{Id(final)}");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(final, stored), $"{final.ToJsonString()}\n{stored.ToJsonString()}");
    }

    [Fact]
    public async Task StreamWithoutObfuscation_HasNoPadding()
    {
        var events = await StreamAsync(new JsonObject
        {
            ["input"] = "Hello!", ["stream"] = true, ["stream_options"] = new JsonObject { ["include_obfuscation"] = false },
        });

        Assert.All(events.Where(e => e["type"]!.GetValue<string>() == "response.output_text.delta"), d => Assert.Null(d["obfuscation"]));
    }

    [Fact]
    public async Task UnstoredResponse_CanBeNeitherRead_NorDeleted_NorContinued()
    {
        var unstored = await CreateOkAsync(new JsonObject { ["input"] = "Hello!", ["store"] = false });
        Assert.False(unstored["store"]!.GetValue<bool>());

        var (status, body) = await GetAsync($"/v1/responses/{Id(unstored)}");
        AssertNotFound(status, body, "response_id");
        using var delete = await server.Client.DeleteAsync($"/v1/responses/{Id(unstored)}");
        Assert.Equal(404, (int)delete.StatusCode);
        var (followStatus, followBody) = await CreateAsync(new JsonObject { ["previous_response_id"] = Id(unstored), ["input"] = "Go on." });
        AssertNotFound(followStatus, followBody, "previous_response_id");
    }

    [Fact]
    public async Task StoredResponse_IsReturnedByGet_UntilDeleted()
    {
        var created = await CreateOkAsync(new JsonObject { ["input"] = "Hello!", ["metadata"] = new JsonObject { ["team"] = "cats" }, ["user"] = "u-1" });

        var (status, stored) = await GetAsync($"/v1/responses/{Id(created)}");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(created, stored), $"{created.ToJsonString()}\n{stored.ToJsonString()}");
        Assert.Equal(("cats", "u-1"), (stored["metadata"]!["team"]!.GetValue<string>(), stored["user"]!.GetValue<string>()));

        using var delete = await server.Client.DeleteAsync($"/v1/responses/{Id(created)}");
        var deleted = JsonNode.Parse(await delete.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)delete.StatusCode);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["id"] = Id(created), ["object"] = "response", ["deleted"] = true }, deleted), deleted.ToJsonString());

        var (after, body) = await GetAsync($"/v1/responses/{Id(created)}");
        AssertNotFound(after, body, "response_id");
        using var again = await server.Client.DeleteAsync($"/v1/responses/{Id(created)}");
        Assert.Equal(404, (int)again.StatusCode);
    }

    [Fact]
    public async Task JsonSchemaTextFormat_ConstrainsTheOutputToTheSchema_AndIsEchoedByPostAndGet()
    {
        var format = JsonNode.Parse("""
            {"type":"json_schema","name":"verdict","strict":true,"schema":{"type":"object","additionalProperties":false,
             "required":["answer","confidence"],
             "properties":{"answer":{"type":"string","enum":["yes","no"]},"confidence":{"type":"integer","minimum":0,"maximum":9}}}}
            """)!;

        var created = await CreateOkAsync(new JsonObject
        {
            ["input"] = "Is the sky blue?", ["max_output_tokens"] = 96, ["text"] = new JsonObject { ["format"] = format.DeepClone() },
        });

        Assert.Equal("completed", created["status"]!.GetValue<string>());
        var answer = JsonNode.Parse(Text(created))!.AsObject();
        Assert.Equal(["answer", "confidence"], answer.Select(p => p.Key));
        Assert.Contains(answer["answer"]!.GetValue<string>(), new[] { "yes", "no" });
        Assert.InRange(answer["confidence"]!.GetValue<int>(), 0, 9);
        Assert.True(JsonNode.DeepEquals(format, created["text"]!["format"]), created["text"]!.ToJsonString());
        var (status, stored) = await GetAsync($"/v1/responses/{Id(created)}");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(format, stored["text"]!["format"]), stored["text"]!.ToJsonString());
    }

    [Fact]
    public async Task JsonObjectTextFormat_GivesAJsonObject_AndPlainRequestsEchoTextFormat()
    {
        var created = await CreateOkAsync(new JsonObject
        {
            ["input"] = "Reply in JSON.", ["max_output_tokens"] = 64,
            ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "json_object" } },
        });
        Assert.Equal("json_object", created["text"]!["format"]!["type"]!.GetValue<string>());
        if (created["status"]!.GetValue<string>() == "completed")
            Assert.IsType<JsonObject>(JsonNode.Parse(Text(created)));
        else
            Assert.StartsWith("{", Text(created).TrimStart());

        var plain = await CreateOkAsync(new JsonObject { ["input"] = "Hello!" });
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["type"] = "text" }, plain["text"]!["format"]));
    }

    [Theory]
    [InlineData("""{"model":"qwen","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":{"type":"string","format":"email"}}}}""", 400, "invalid_value", "text.format.schema")]
    [InlineData("""{"model":"qwen","input":[{"type":"function_call_output","call_id":"c","output":"42"}]}""", 400, "unsupported_parameter", "input[0].type")]
    [InlineData("""{"model":"qwen","input":"hi","tools":[{"type":"function","name":"f"}]}""", 400, "unsupported_parameter", "tools")]
    [InlineData("""{"model":"qwen","input":"hi","seed":1}""", 400, "unknown_parameter", "seed")]
    [InlineData("""{"model":"nope","input":"hi"}""", 404, "model_not_found", "model")]
    [InlineData("""{"model":"qwen","input":"hi","previous_response_id":"resp_0"}""", 404, "response_not_found", "previous_response_id")]
    public async Task BadRequests_AreOpenAIErrorsNamingTheField(string json, int status, string code, string param)
    {
        var (actual, body) = await server.PostJsonAsync("/v1/responses", json);

        Assert.Equal(status, actual);
        Assert.Equal((code, param), (body["error"]!["code"]!.GetValue<string>(), body["error"]!["param"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetOfAnUnknownId_Is404_AndAskingToReplayAStream_Is400()
    {
        var (status, body) = await GetAsync("/v1/responses/resp_unknown");
        AssertNotFound(status, body, "response_id");

        var created = await CreateOkAsync(new JsonObject { ["input"] = "Hello!" });
        var (replay, refused) = await GetAsync($"/v1/responses/{Id(created)}?stream=true");
        Assert.Equal(400, replay);
        Assert.Equal("stream", refused["error"]!["param"]!.GetValue<string>());
    }

    private static void AssertNotFound(int status, JsonNode body, string param)
    {
        Assert.Equal(404, status);
        Assert.Equal(("invalid_request_error", param), (body["error"]!["type"]!.GetValue<string>(), body["error"]!["param"]!.GetValue<string>()));
    }

    private static string Id(JsonNode response) => response["id"]!.GetValue<string>();

    private static string Text(JsonNode response) => response["output"]![0]!["content"]![0]!["text"]!.GetValue<string>();

    private static JsonObject User(string text) => Message("user", text);

    private static JsonObject Message(string role, string text) => new() { ["role"] = role, ["content"] = text };

    /// <summary>The request with the tests' defaults: qwen, greedy, 16 output tokens.</summary>
    private static string WithDefaults(JsonObject request)
    {
        request["model"] ??= ServingServer.Qwen;
        request["temperature"] ??= 0;
        request["max_output_tokens"] ??= 16;
        return request.ToJsonString();
    }

    private Task<(int Status, JsonNode Body)> CreateAsync(JsonObject request) => server.PostJsonAsync("/v1/responses", WithDefaults(request));

    private async Task<JsonNode> CreateOkAsync(JsonObject request)
    {
        var (status, body) = await CreateAsync(request);
        Assert.True(status == 200, body.ToJsonString());
        return body;
    }

    /// <summary>POSTs a streamed request and returns its events' data, checking each `event:` line names its data's type.</summary>
    private async Task<List<JsonNode>> StreamAsync(JsonObject request)
    {
        using var message = ServingServer.Post("/v1/responses", WithDefaults(request), null);
        using var response = await server.Client.SendAsync(message);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            var lines = e.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0]);
            Assert.StartsWith("data: ", lines[1]);
            var data = JsonNode.Parse(lines[1]["data: ".Length..])!;
            Assert.Equal(lines[0]["event: ".Length..], data["type"]!.GetValue<string>());
            return data;
        }).ToList();
    }

    private async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(path);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<int> CountAsync(params JsonObject[] messages)
    {
        var request = new JsonObject { ["model"] = ServingServer.Qwen, ["messages"] = new JsonArray(messages) }.ToJsonString();
        var (status, body) = await server.PostJsonAsync("/tokenize", request);
        Assert.True(status == 200, body.ToJsonString());
        return body["count"]!.GetValue<int>();
    }
}
