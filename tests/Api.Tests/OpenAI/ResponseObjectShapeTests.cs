using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Responses;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;

namespace Platform.Api.Tests.OpenAI;

/// <summary>The Responses API's wire objects against the published spec: every key is the spec's, every required key is there.</summary>
public sealed class ResponseObjectShapeTests
{
    static readonly ResponseTurn Turn = new()
    {
        ResponseId = "resp_1",
        Tenant = "t",
        Model = "m",
        MessageId = "msg_1",
        CreatedAt = 1,
        Instructions = "Be brief.",
        Input = [new ChatMessageData("user", "hi")],
        Sampling = new SamplingSettings(),
        Settings = new ResponseSettings { Metadata = new() { ["k"] = "v" } },
    };

    static JsonObject Json<T>(T value, JsonTypeInfo<T> info) => JsonNode.Parse(JsonSerializer.Serialize(value, info))!.AsObject();

    static readonly string[] ResponseSchemas =
    [
        "Response", "ModelResponseProperties", "ResponseProperties", "OutputMessage", "OutputTextContent", "ResponseUsage",
        "ResponseTextParam", "ResponseFormatText", "Reasoning", "ResponseError",
    ];

    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    public void FinishedResponse_HasOnlyTheSpecsKeys_AndAllItsRequiredOnes(string finish)
    {
        var json = Json(ResponseObjects.Finished(StoredResponse.Finish(Turn, "Hello.", finish, new TokenUsage(5, 2, 1), DateTimeOffset.UnixEpoch)),
            OpenAIJsonContext.Default.ResponseObject);

        Assert.Empty(OpenApiSpec.KeysIn(json).Except(OpenApiSpec.KeysOf(ResponseSchemas)).Except(["k"]));
        Assert.Empty(OpenApiSpec.RequiredOf("Response").Except(json.Select(p => p.Key)));
        Assert.Empty(OpenApiSpec.RequiredOf("OutputMessage").Except(json["output"]![0]!.AsObject().Select(p => p.Key)));
        Assert.Empty(OpenApiSpec.RequiredOf("OutputTextContent").Except(json["output"]![0]!["content"]![0]!.AsObject().Select(p => p.Key)));
        Assert.Empty(OpenApiSpec.RequiredOf("ResponseUsage").Except(OpenApiSpec.KeysIn(json["usage"])));
        Assert.Null(json["output_text"]);
        Assert.Equal(finish == "length" ? "incomplete" : "completed", json["status"]!.GetValue<string>());
        Assert.Equal(7, json["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal(1, json["usage"]!["input_tokens_details"]!["cached_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void StreamEvents_HaveOnlyTheSpecsKeys_AndAllTheirRequiredOnes()
    {
        var message = ResponseObjects.Message("msg_1", "in_progress", "");
        var part = new ResponseOutputText { Text = "" };
        (JsonObject Json, string Schema)[] events =
        [
            (Json(new ResponseLifecycleEvent("response.created", 0, ResponseObjects.InProgress(Turn)), OpenAIJsonContext.Default.ResponseLifecycleEvent), "ResponseCreatedEvent"),
            (Json(new ResponseOutputItemEvent("response.output_item.added", 1, 0, message), OpenAIJsonContext.Default.ResponseOutputItemEvent), "ResponseOutputItemAddedEvent"),
            (Json(new ResponseContentPartEvent("response.content_part.added", 2, "msg_1", 0, 0, part), OpenAIJsonContext.Default.ResponseContentPartEvent), "ResponseContentPartAddedEvent"),
            (Json(new ResponseTextDeltaEvent(3, "msg_1", 0, 0, "Hi", "abc"), OpenAIJsonContext.Default.ResponseTextDeltaEvent), "ResponseTextDeltaEvent"),
            (Json(new ResponseTextDoneEvent(4, "msg_1", 0, 0, "Hi"), OpenAIJsonContext.Default.ResponseTextDoneEvent), "ResponseTextDoneEvent"),
            (Json(new ResponseErrorEvent(5, "queue_full", "busy", null), OpenAIJsonContext.Default.ResponseErrorEvent), "ResponseErrorEvent"),
        ];

        foreach (var (json, schema) in events)
        {
            Assert.Empty(json.Select(p => p.Key).Except(OpenApiSpec.KeysOf(schema)).Except(["obfuscation"]));
            Assert.Empty(OpenApiSpec.RequiredOf(schema).Except(json.Select(p => p.Key)));
        }
        Assert.Equal("response.output_text.delta", events[3].Json["type"]!.GetValue<string>());
    }

    [Fact]
    public void DeletedResponse_IsOpenAIsDeletionObject() =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"resp_1","object":"response","deleted":true}"""),
            Json(new ResponseDeleted("resp_1"), OpenAIJsonContext.Default.ResponseDeleted)));
}
