using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Api.Tests.OpenAI;

namespace Platform.Api.Tests.Endpoints;

/// <summary>Every field the endpoints answer with is one the published OpenAI spec defines for that response.</summary>
public sealed class SpecConformanceTests
{
    static void AssertOnlySpecKeys(JsonNode? body, params string[] schemas)
    {
        var spec = OpenApiSpec.KeysOf(schemas);
        Assert.Empty(OpenApiSpec.KeysIn(body).Except(spec));
    }

    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":1""";
    const string Completion = """{"model":"tiny","prompt":"hi","logprobs":1""";

    [Fact]
    public async Task ChatAnswersUseOnlySpecFields()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, whole) = await server.PostJsonAsync("/v1/chat/completions", Chat + "}");
        var (_, stream) = await server.PostAsync("/v1/chat/completions", Chat + ""","stream":true,"stream_options":{"include_usage":true}}""");

        AssertOnlySpecKeys(whole, "CreateChatCompletionResponse", "ChatCompletionResponseMessage", "ChatCompletionTokenLogprob", "CompletionUsage");
        foreach (var chunk in ServerSentEvents.Parse(stream))
            AssertOnlySpecKeys(chunk, "CreateChatCompletionStreamResponse", "ChatCompletionStreamResponseDelta", "ChatCompletionTokenLogprob", "CompletionUsage");
    }

    [Fact]
    public async Task CompletionAnswersUseOnlySpecFields()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, whole) = await server.PostJsonAsync("/v1/completions", Completion + "}");
        var (_, stream) = await server.PostAsync("/v1/completions", Completion + ""","stream":true,"stream_options":{"include_usage":true}}""");

        // top_logprobs maps token texts to numbers; its keys are data, not field names.
        static JsonNode? WithoutTopLogprobs(JsonNode? body)
        {
            var copy = body!.DeepClone();
            foreach (var choice in copy["choices"]!.AsArray())
                choice!["logprobs"]?.AsObject().Remove("top_logprobs");
            return copy;
        }
        AssertOnlySpecKeys(WithoutTopLogprobs(whole), "CreateCompletionResponse", "CompletionUsage");
        foreach (var chunk in ServerSentEvents.Parse(stream))
            AssertOnlySpecKeys(WithoutTopLogprobs(chunk), "CreateCompletionResponse", "CompletionUsage");
    }

    [Fact]
    public async Task ModelListAndErrorsUseOnlySpecFieldsBesidesTheModelCardsPlatformAdditions()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, models) = await server.SendAsync(HttpMethod.Get, "/v1/models");
        var (_, error) = await server.SendAsync(HttpMethod.Get, "/v1/models/nope");

        AssertOnlySpecKeys(OpenApiSpec.WithoutModelCardAdditions(models), "ListModelsResponse", "Model");
        AssertOnlySpecKeys(error, "ErrorResponse", "Error");
    }
}
