using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

[Collection(ServingCollection.Name)]
public class SessionCachingTests(ServingServer server)
{
    private const int BlockSize = 16;

    [Fact]
    public async Task SecondSessionTurn_ReportsTheFirstTurnAsCachedTokens()
    {
        var session = $"s-{Guid.NewGuid():N}";

        var first = await TurnAsync(session, "Tell me a story about a cat who lives in a lighthouse.");
        var second = await TurnAsync(session, "What happened next?");

        var firstTotal = first["prompt_tokens"]!.GetValue<int>() + first["completion_tokens"]!.GetValue<int>();
        var cached = second["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>();
        Assert.True(cached >= firstTotal - BlockSize, $"cached {cached} of the first turn's {firstTotal} tokens");
        Assert.True(second["prompt_tokens"]!.GetValue<int>() > firstTotal);

        var (status, transcript) = await GetAsync($"/v1/sessions/{session}");
        Assert.Equal(200, status);
        Assert.Equal(4, transcript["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task DeletedSession_IsGone()
    {
        var session = $"s-{Guid.NewGuid():N}";
        await TurnAsync(session, "Hello!");

        using var delete = await server.Client.DeleteAsync($"/v1/sessions/{session}");
        Assert.Equal(200, (int)delete.StatusCode);

        var (status, body) = await GetAsync($"/v1/sessions/{session}");
        Assert.Equal(404, status);
        Assert.Equal("session_not_found", body["error"]!["code"]!.GetValue<string>());
    }

    private async Task<JsonNode> TurnAsync(string session, string text)
    {
        var request = new JsonObject
        {
            ["model"] = ServingServer.Qwen,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            ["max_tokens"] = 12,
            ["temperature"] = 0,
        };
        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", request.ToJsonString(), session);
        Assert.True(status == 200, body.ToJsonString());
        return body["usage"]!;
    }

    private async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(path);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
