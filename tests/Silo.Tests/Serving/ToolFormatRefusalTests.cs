using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>A model whose chat template shows no tool-call format, served without --tool-call-parser.</summary>
[Collection(ServingCollection.Name)]
public sealed class ToolFormatRefusalTests(ServingServer server)
{
    [Fact]
    public async Task ToolsWithAutoAreRefusedNamingTheFlagWhileToolChoiceNoneIsServed()
    {
        const string tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""";
        var body = $$"""{"model":"{{ServingServer.Qwen}}","messages":[{"role":"user","content":"hi"}],"tools":{{tools}},"max_tokens":2""";

        var (status, refused) = await server.PostJsonAsync("/v1/chat/completions", body + "}");
        var (served, _) = await server.PostJsonAsync("/v1/chat/completions", body + ""","tool_choice":"none"}""");

        Assert.Equal(400, status);
        Assert.Equal("tool_choice", (string?)refused["error"]!["param"]);
        Assert.Contains("--tool-call-parser", (string?)refused["error"]!["message"]);
        Assert.Equal(200, served);
    }
}
