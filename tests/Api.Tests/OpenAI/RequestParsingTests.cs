using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Tests.OpenAI;

public sealed class RequestParsingTests
{
    const string FullChatBody = """
        {"model":"tiny","messages":[{"role":"system","content":"Be brief."},
          {"role":"user","content":[{"type":"text","text":"Hello, "},{"type":"text","text":"world"}]}],
         "max_tokens":10,"max_completion_tokens":20,"temperature":0.7,"top_p":0.9,"n":2,"stop":"END","seed":42,
         "presence_penalty":0.5,"frequency_penalty":-0.5,"logprobs":true,"top_logprobs":3,"stream":true,
         "stream_options":{"include_usage":true},"user":"u-1","top_k":40,"min_p":0.05,"repetition_penalty":1.1,
         "logit_bias":{"13":-100}}
        """;

    static ChatCompletionRequest ValidChat(string body)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        Assert.True(result.IsValid, result.Error?.Message);
        return result.Request;
    }

    static CompletionRequest ValidCompletion(string body)
    {
        var result = CompletionRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        Assert.True(result.IsValid, result.Error?.Message);
        return result.Request;
    }

    [Fact]
    public void ChatRequestReadsEverySnakeCaseField()
    {
        var request = ValidChat(FullChatBody);

        Assert.Equal("tiny", request.Model);
        Assert.Equal(2, request.Messages!.Count);
        Assert.Equal((10, 20, 20), (request.MaxTokens, request.MaxCompletionTokens, request.MaxOutputTokens));
        Assert.Equal((0.7, 0.9, 2, 42L), (request.Temperature, request.TopP, request.N, request.Seed));
        Assert.Equal(["END"], request.Stop!.Values);
        Assert.Equal((0.5, -0.5), (request.PresencePenalty, request.FrequencyPenalty));
        Assert.Equal((true, 3), (request.Logprobs, request.TopLogprobs));
        Assert.True(request.IsStreaming);
        Assert.True(request.IncludeStreamUsage);
        Assert.Equal("u-1", request.User);
        Assert.Equal((40, 0.05, 1.1), (request.TopK, request.MinP, request.RepetitionPenalty));
        Assert.Equal(-100, request.LogitBias!["13"]);
    }

    [Fact]
    public void ContentGivenAsTextPartsJoinsInOrder()
    {
        var request = ValidChat(FullChatBody);

        Assert.Equal("Be brief.", request.Messages![0].Content!.ToPlainText());
        Assert.Equal("Hello, world", request.Messages[1].Content!.ToPlainText());
        Assert.Equal(2, request.Messages[1].Content!.Parts!.Count);
    }

    [Fact]
    public void StopMayBeAnArrayOfStrings() =>
        Assert.Equal(["a", "\n\n"], ValidChat("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","\n\n"]}""").Stop!.Values);

    [Fact]
    public void MaxTokensAloneCapsTheOutput() =>
        Assert.Equal(7, ValidChat("""{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":7}""").MaxOutputTokens);

    [Fact]
    public void AssistantMessageWithToolCallsMayOmitContent()
    {
        var request = ValidChat("""
            {"model":"m","messages":[{"role":"user","content":"weather?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"sunny"}]}
            """);

        Assert.Equal("c1", request.Messages![1].ToolCalls![0]!["id"]!.GetValue<string>());
        Assert.Equal("c1", request.Messages[2].ToolCallId);
    }

    [Fact]
    public void StreamingIsOffUnlessAskedFor()
    {
        var request = ValidChat("""{"model":"m","messages":[{"role":"user","content":"x"}]}""");

        Assert.False(request.IsStreaming);
        Assert.False(request.IncludeStreamUsage);
    }

    [Fact]
    public void PromptAsStringIsOneTextPrompt() =>
        Assert.Equal(["Once upon"], ValidCompletion("""{"model":"m","prompt":"Once upon"}""").Prompt!.Texts!);

    [Fact]
    public void PromptAsArrayOfStringsIsABatch() =>
        Assert.Equal(["a", "b"], ValidCompletion("""{"model":"m","prompt":["a","b"]}""").Prompt!.Texts!);

    [Fact]
    public void PromptAsTokenIdsIsOneTokenPrompt()
    {
        var prompt = ValidCompletion("""{"model":"m","prompt":[1,450,4996]}""").Prompt!;

        Assert.Equal([1, 450, 4996], Assert.Single(prompt.TokenIds!));
    }

    [Fact]
    public void PromptAsArrayOfTokenArraysIsABatchOfTokenPrompts()
    {
        var prompt = ValidCompletion("""{"model":"m","prompt":[[1,2],[3]]}""").Prompt!;

        Assert.Equal(2, prompt.Count);
        Assert.Equal([3], prompt.TokenIds![1]);
    }

    [Fact]
    public void CompletionLogprobsIsAnInteger() =>
        Assert.Equal(5, ValidCompletion("""{"model":"m","prompt":"x","logprobs":5}""").Logprobs);

    [Fact]
    public void UnknownFieldsAreIgnoredLikeVllm() =>
        Assert.Equal("m", ValidChat("""{"model":"m","messages":[{"role":"user","content":"x"}],"service_tier":"auto"}""").Model);

    [Fact]
    public void ChatRequestFieldNamesAreTheSpecs()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(ValidChat(FullChatBody), OpenAIJsonContext.Default.ChatCompletionRequest));
        var spec = OpenApiSpec.KeysOf("CreateChatCompletionRequest", "CreateModelResponseProperties", "ModelResponseProperties",
            "ChatCompletionStreamOptions", "ChatCompletionRequestUserMessage", "ChatCompletionRequestToolMessage",
            "ChatCompletionRequestAssistantMessage", "ChatCompletionRequestMessageContentPartText");
        // "13" is a token id key inside logit_bias, not a field name; the rest (structured-output fields too) are vLLM's.
        string[] notFieldNames = ["top_k", "min_p", "repetition_penalty", "stop_token_ids", "min_tokens", "ignore_eos", "cache_salt", "13",
            "structured_outputs", "guided_json", "guided_regex", "guided_choice", "guided_grammar"];

        Assert.Empty(OpenApiSpec.KeysIn(json).Except(spec).Except(notFieldNames));
    }

    [Fact]
    public void CompletionRequestFieldNamesAreTheSpecs()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(
            ValidCompletion("""{"model":"m","prompt":"x","max_tokens":3,"logprobs":2,"echo":false,"best_of":1,"stream":true,"stream_options":{"include_usage":true},"stop":["."],"seed":1,"user":"u"}"""),
            OpenAIJsonContext.Default.CompletionRequest));
        var spec = OpenApiSpec.KeysOf("CreateCompletionRequest", "ChatCompletionStreamOptions");
        // vLLM's extensions, and OpenAI's newer chat fields that completions honour too (response_format, as vLLM does).
        string[] vllmExtensions = ["top_k", "min_p", "repetition_penalty", "stop_token_ids", "min_tokens", "ignore_eos", "safety_identifier", "prompt_cache_key", "cache_salt",
            "response_format", "structured_outputs", "guided_json", "guided_regex", "guided_choice", "guided_grammar"];

        Assert.Empty(OpenApiSpec.KeysIn(json).Except(spec).Except(vllmExtensions));
    }
}
