using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;

namespace Platform.Api.Tests.OpenAI;

public sealed class ResponseSerializationTests
{
    const string Id = "chatcmpl-1";
    const long Created = 1_700_000_000;

    static JsonObject Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, info))!.AsObject();

    static string[] Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    static ChatCompletionResponse ChatResponse(ChatLogprobs? logprobs = null) => new()
    {
        Id = Id, Created = Created, Model = "tiny",
        Choices = [new ChatChoice { Index = 0, Message = new ChatResponseMessage { Content = "Hi!" }, Logprobs = logprobs, FinishReason = FinishReasons.Stop }],
        Usage = CompletionUsage.Of(promptTokens: 12, completionTokens: 3, cachedTokens: 8),
    };

    [Fact]
    public void ChatCompletionHasTheSpecsShape()
    {
        var json = Json(ChatResponse(), OpenAIJsonContext.Default.ChatCompletionResponse);

        Assert.Equal(["id", "object", "created", "model", "choices", "usage"], Keys(json));
        Assert.Equal("chat.completion", (string?)json["object"]);
        var choice = json["choices"]![0]!;
        Assert.Equal(["index", "message", "logprobs", "finish_reason"], Keys(choice));
        Assert.Null(choice["logprobs"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.Equal(["role", "content", "refusal"], Keys(choice["message"]));
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
    }

    [Fact]
    public void UsageReportsTotalsAndCachedPromptTokens()
    {
        var usage = Json(ChatResponse(), OpenAIJsonContext.Default.ChatCompletionResponse)["usage"]!;

        Assert.Equal((12, 3, 15), ((int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!));
        Assert.Equal(8, (int)usage["prompt_tokens_details"]!["cached_tokens"]!);
    }

    [Fact]
    public void ChatLogprobsCarryBytesAndAlternativesWithMinusInfinityClamped()
    {
        var logprobs = new ChatLogprobs
        {
            Content = [ChatTokenLogprob.Of("é", -0.25f, [TopLogprob.Of("é", -0.25f), TopLogprob.Of("e", float.NegativeInfinity)])],
        };
        var json = Json(ChatResponse(logprobs), OpenAIJsonContext.Default.ChatCompletionResponse)["choices"]![0]!["logprobs"]!;

        Assert.Equal(["content", "refusal"], Keys(json));
        var token = json["content"]![0]!;
        Assert.Equal(["token", "logprob", "bytes", "top_logprobs"], Keys(token));
        Assert.Equal([195, 169], token["bytes"]!.AsArray().Select(b => (int)b!));
        Assert.Equal(-9999.0, (double)token["top_logprobs"]![1]!["logprob"]!);
        Assert.Equal(["token", "logprob", "bytes"], Keys(token["top_logprobs"]![0]));
    }

    [Fact]
    public void FirstChunkAnnouncesTheAssistantRoleAndKeepsNullFields()
    {
        var json = Json(ChatCompletionChunk.RoleAnnouncement(Id, Created, "tiny", 0), OpenAIJsonContext.Default.ChatCompletionChunk);

        Assert.Equal(["id", "object", "created", "model", "choices"], Keys(json));
        Assert.Equal("chat.completion.chunk", (string?)json["object"]);
        var choice = json["choices"]![0]!.AsObject();
        Assert.Equal(["index", "delta", "logprobs", "finish_reason"], Keys(choice));
        Assert.Null(choice["finish_reason"]);
        Assert.Equal("""{"role":"assistant","content":""}""", choice["delta"]!.ToJsonString());
    }

    [Fact]
    public void TextChunkCarriesOnlyContent()
    {
        var json = Json(ChatCompletionChunk.Text(Id, Created, "tiny", 1, " world"), OpenAIJsonContext.Default.ChatCompletionChunk);

        Assert.Equal("""{"content":" world"}""", json["choices"]![0]!["delta"]!.ToJsonString());
        Assert.Equal(1, (int)json["choices"]![0]!["index"]!);
    }

    [Fact]
    public void FinalChunkHasAnEmptyDeltaAndTheFinishReason()
    {
        var choice = Json(ChatCompletionChunk.Finish(Id, Created, "tiny", 0, FinishReasons.Length), OpenAIJsonContext.Default.ChatCompletionChunk)["choices"]![0]!;

        Assert.Equal("{}", choice["delta"]!.ToJsonString());
        Assert.Equal("length", (string?)choice["finish_reason"]);
    }

    [Fact]
    public void UsageChunkHasEmptyChoicesNotNull()
    {
        var json = Json(ChatCompletionChunk.UsageOnly(Id, Created, "tiny", CompletionUsage.Of(5, 2, 0)), OpenAIJsonContext.Default.ChatCompletionChunk);

        Assert.Equal("[]", json["choices"]!.ToJsonString());
        Assert.Equal(7, (int)json["usage"]!["total_tokens"]!);
    }

    [Fact]
    public void CompletionHasTheSpecsShapeWithParallelLogprobArrays()
    {
        var response = new CompletionResponse
        {
            Id = "cmpl-1", Created = Created, Model = "tiny",
            Choices = [new CompletionChoice
            {
                Index = 0, Text = "Hi there", FinishReason = FinishReasons.Stop,
                Logprobs = new CompletionLogprobs
                {
                    Tokens = ["Hi", " there"], TokenLogprobs = [-0.1f, -0.2f], TextOffset = [0, 2],
                    TopLogprobs = [new() { ["Hi"] = -0.1f }, new() { [" there"] = -0.2f }],
                },
            }],
            Usage = CompletionUsage.Of(4, 2, 0),
        };
        var json = Json(response, OpenAIJsonContext.Default.CompletionResponse);

        Assert.Equal("text_completion", (string?)json["object"]);
        Assert.Equal(["index", "text", "logprobs", "finish_reason"], Keys(json["choices"]![0]));
        Assert.Equal(["tokens", "token_logprobs", "top_logprobs", "text_offset"], Keys(json["choices"]![0]!["logprobs"]));
    }

    [Fact]
    public void ModelListHasTheSpecsShapeWithPlatformsAdditionsAfterIt()
    {
        var card = new ModelCard
        {
            Id = "tiny", Created = Created, OwnedBy = "platform", MaxModelLen = 2048,
            Replicas = [new ReplicaCard { Id = "tiny/0", Silo = "127.0.0.1:11111@1", State = "ready", Running = 2, Waiting = 1 }],
        };
        var json = Json(new ModelList { Data = [card] }, OpenAIJsonContext.Default.ModelList);

        Assert.Equal("""
            {"object":"list","data":[{"id":"tiny","object":"model","created":1700000000,"owned_by":"platform","max_model_len":2048,"replicas":[{"id":"tiny/0","silo":"127.0.0.1:11111@1","state":"ready","running":2,"waiting":1}]}]}
            """, json.ToJsonString());
    }

    [Fact]
    public void ErrorEnvelopeAlwaysCarriesParamAndCode()
    {
        var json = Json(ErrorResponse.From(ApiError.MalformedJson("bad")), OpenAIJsonContext.Default.ErrorResponse);

        Assert.Equal(["error"], Keys(json));
        Assert.Equal(["message", "type", "param", "code"], Keys(json["error"]));
        Assert.Equal("invalid_request_error", (string?)json["error"]!["type"]);
    }

    [Fact]
    public void EveryResponseFieldNameIsTheSpecs()
    {
        var logprobs = new ChatLogprobs { Content = [ChatTokenLogprob.Of("a", -1f, [TopLogprob.Of("a", -1f)])] };
        var emitted = new HashSet<string>();
        emitted.UnionWith(OpenApiSpec.KeysIn(Json(ChatResponse(logprobs), OpenAIJsonContext.Default.ChatCompletionResponse)));
        emitted.UnionWith(OpenApiSpec.KeysIn(Json(ChatCompletionChunk.RoleAnnouncement(Id, Created, "m", 0), OpenAIJsonContext.Default.ChatCompletionChunk)));
        emitted.UnionWith(OpenApiSpec.KeysIn(Json(ChatCompletionChunk.UsageOnly(Id, Created, "m", CompletionUsage.Of(1, 1, 1)), OpenAIJsonContext.Default.ChatCompletionChunk)));
        emitted.UnionWith(OpenApiSpec.KeysIn(Json(ErrorResponse.From(ApiError.Missing("model")), OpenAIJsonContext.Default.ErrorResponse)));
        var completion = new CompletionResponse
        {
            Id = "cmpl-1", Created = Created, Model = "m", Usage = CompletionUsage.Of(1, 1, 0),
            Choices = [new CompletionChoice
            {
                Index = 0, Text = "a", FinishReason = FinishReasons.Stop,
                Logprobs = new CompletionLogprobs { Tokens = ["a"], TokenLogprobs = [-1f], TopLogprobs = [new() { ["a"] = -1f }], TextOffset = [0] },
            }],
        };
        // "a" is a token: it shows up as a key of top_logprobs' token → logprob map, not as a field name.
        emitted.UnionWith(OpenApiSpec.KeysIn(Json(completion, OpenAIJsonContext.Default.CompletionResponse)).Where(k => k != "a"));
        // The model card's platform additions are checked by ModelListHasTheSpecsShapeWithPlatformsAdditionsAfterIt.
        var models = Json(new ModelList { Data = [new ModelCard { Id = "m", Created = 1, OwnedBy = "o" }] }, OpenAIJsonContext.Default.ModelList);
        emitted.UnionWith(OpenApiSpec.KeysIn(OpenApiSpec.WithoutModelCardAdditions(models)));

        var spec = OpenApiSpec.KeysOf("CreateChatCompletionResponse", "CreateChatCompletionStreamResponse", "ChatCompletionResponseMessage",
            "ChatCompletionStreamResponseDelta", "ChatCompletionTokenLogprob", "CompletionUsage", "ErrorResponse", "Error",
            "ListModelsResponse", "Model", "CreateCompletionResponse");
        Assert.Empty(emitted.Except(spec));
    }
}
