using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

[Collection(ServingCollection.Name)]
public class ErrorEnvelopeTests(ServingServer server)
{
    [Theory]
    [InlineData("malformed JSON", "/v1/completions", """{"model":"llama","prompt":"hi",""", 400, null, null)]
    [InlineData("negative temperature", "/v1/completions", """{"model":"llama","prompt":"hi","temperature":-1}""", 400, "temperature", null)]
    [InlineData("unknown model", "/v1/chat/completions", """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""", 404, "model", null)]
    [InlineData("max_tokens beyond the context", "/v1/completions", """{"model":"llama","prompt":"hi","max_tokens":100000}""", 400, null, "context_length_exceeded")]
    [InlineData("chat on a model without a chat template", "/v1/chat/completions", """{"model":"llama","messages":[{"role":"user","content":"hi"}],"max_tokens":4}""", 400, "messages", null)]
    public async Task BadRequest_GetsItsStatusAndAnErrorEnvelope(string what, string path, string json, int expected, string? param, string? code)
    {
        var (status, body) = await server.PostJsonAsync(path, json);

        AssertEnvelope(expected, status, body);
        if (param is not null)
            Assert.True(param == body["error"]!["param"]?.GetValue<string>(), $"{what}: {body.ToJsonString()}");
        if (code is not null)
            Assert.True(code == body["error"]!["code"]?.GetValue<string>(), $"{what}: {body.ToJsonString()}");
    }

    [Fact]
    public async Task WrongMethod_Is405_AndUnknownRoute_Is404()
    {
        using var wrong = await server.Client.GetAsync("/v1/completions");
        AssertEnvelope(405, (int)wrong.StatusCode, JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!);

        using var unknown = await server.Client.GetAsync("/v1/no-such-route");
        AssertEnvelope(404, (int)unknown.StatusCode, JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!);
    }

    private static void AssertEnvelope(int expected, int status, JsonNode body)
    {
        Assert.True(expected == status, $"expected {expected}, got {status}: {body.ToJsonString()}");
        var error = body["error"] as JsonObject;
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["type"]?.GetValue<string>()));
        Assert.True(error.ContainsKey("param") && error.ContainsKey("code"), body.ToJsonString());
    }
}
