using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

[Collection(ServingCollection.Name)]
public class SessionTests(ServingServer server)
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

    [Fact]
    public async Task TurnWhileTheSessionAnswers_Is409_AndAnAbandonedTurnLeavesTheConversationUnchanged()
    {
        var session = $"s-{Guid.NewGuid():N}";
        await TurnAsync(session, "Hello!");

        using (var request = ServingServer.Post("/v1/chat/completions", Turn("Tell me a very long story.", 3000, stream: true), session))
        using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(200, (int)response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync());

            var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Turn("Are you there?", 4), session);
            Assert.Equal(409, status);
            Assert.Equal("session_busy", body["error"]!["code"]!.GetValue<string>());
        }

        // The abandoned turn ends with an abort the session sees shortly after the disconnect.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int next;
        while ((next = (await server.PostJsonAsync("/v1/chat/completions", Turn("Hello again!", 4), session)).Status) == 409)
        {
            Assert.True(DateTime.UtcNow < deadline, "the session stayed busy after its client disconnected");
            await Task.Delay(50);
        }
        Assert.Equal(200, next);
        var (_, transcript) = await GetAsync($"/v1/sessions/{session}");
        var users = transcript["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>());
        Assert.Equal(["Hello!", "Hello again!"], users);
    }

    [Fact]
    public async Task TurnThatWouldOverflowTheContext_DropsTheOldestTurn_AndTheTranscriptShowsWhatIsKept()
    {
        var session = $"s-{Guid.NewGuid():N}";
        await TurnAsync(session, "Hello!");
        var (perHundred, contextLength) = await CountAsync(string.Concat(Enumerable.Repeat("cat ", 100)));
        var text = string.Concat(Enumerable.Repeat("cat ", (contextLength - 60) * 100 / perHundred));
        var (alone, _) = await CountAsync(text);
        // Fits alone with two tokens to spare; with the stored "Hello!" turn in front it would not.
        var maxTokens = contextLength - alone - 2;
        Assert.InRange(maxTokens, 2, 400);

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Turn(text, maxTokens), session);

        Assert.True(status == 200, body.ToJsonString());
        var (_, transcript) = await GetAsync($"/v1/sessions/{session}");
        var users = transcript["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>());
        Assert.Equal([text], users);
        Assert.Equal(2, transcript["turns"]!.GetValue<int>());
    }

    private async Task<(int Count, int MaxModelLength)> CountAsync(string text)
    {
        var request = new JsonObject
        {
            ["model"] = ServingServer.Qwen,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        }.ToJsonString();
        var (status, body) = await server.PostJsonAsync("/tokenize", request);
        Assert.True(status == 200, body.ToJsonString());
        return (body["count"]!.GetValue<int>(), body["max_model_len"]!.GetValue<int>());
    }

    private async Task<JsonNode> TurnAsync(string session, string text)
    {
        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Turn(text, 12), session);
        Assert.True(status == 200, body.ToJsonString());
        return body["usage"]!;
    }

    private static string Turn(string text, int maxTokens, bool stream = false) => new JsonObject
    {
        ["model"] = ServingServer.Qwen,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
        ["stream"] = stream,
    }.ToJsonString();

    private async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(path);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
