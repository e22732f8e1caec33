using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Tests.Endpoints;

public sealed class SessionsEndpointsTests
{
    static SessionTranscript Transcript(string id) => new(id, ApiTestServer.Model,
        [new ChatMessageData("user", "hi"), new ChatMessageData("assistant", "hello")], 12, 1,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero));

    [Fact]
    public async Task GetAnswersTheStoredTranscript()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Sessions["s1"] = Transcript("s1");

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/s1");

        Assert.Equal(200, status);
        Assert.Equal(("s1", ApiTestServer.Model, 12, 1), ((string?)body["session_id"], (string?)body["model"], (int)body["token_count"]!, (int)body["turns"]!));
        Assert.Equal(["user", "assistant"], body["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal("hello", (string?)body["messages"]![1]!["content"]);
    }

    [Fact]
    public async Task MissingSessionIs404Envelope()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (get, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/none");
        var (delete, _) = await server.SendAsync(HttpMethod.Delete, "/v1/sessions/none");

        Assert.Equal((404, 404), (get, delete));
        Assert.Equal("session_not_found", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task DeleteRemovesTheSession()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Sessions["s1"] = Transcript("s1");

        var (status, body) = await server.SendAsync(HttpMethod.Delete, "/v1/sessions/s1");
        var (after, _) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/s1");

        Assert.Equal((200, 404), (status, after));
        Assert.Equal(("s1", true, "session.deleted"), ((string?)body["id"], (bool)body["deleted"]!, (string?)body["object"]));
        Assert.False(server.Backend.Sessions.ContainsKey("s1"));
    }
    const string ChatBody = $$"""{"model":"{{ApiTestServer.Model}}","messages":[{"role":"user","content":"hi"}]}""";

    [Theory]
    [InlineData("team/alice")]
    [InlineData("team%2Falice")]
    [InlineData("a b")]
    [InlineData("..")]
    public async Task SessionIdThatCannotRoundTripThroughTheUrl_IsRefusedOnCreate(string id)
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", ChatBody, r => r.Headers.Add("X-Session-Id", id));

        Assert.Equal(400, status);
        Assert.Equal(("invalid_request_error", "X-Session-Id"), ((string?)body["error"]!["type"], (string?)body["error"]!["param"]));
        Assert.Contains("A-Z, a-z, 0-9", (string?)body["error"]!["message"]);
        Assert.Empty(server.Backend.Turns);
    }

    [Fact]
    public async Task SessionIdLongerThan128_IsRefusedOnCreate()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostJsonAsync("/v1/chat/completions", ChatBody, r => r.Headers.Add("X-Session-Id", new string('a', 129)));

        Assert.Equal(400, status);
        Assert.Empty(server.Backend.Turns);
    }

    [Fact]
    public async Task EncodedSlashInThePath_IsRefusedOnReadAndDelete_WithTheSameRule()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Sessions["team/alice"] = Transcript("team/alice");

        var (get, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/team%2Falice");
        var (delete, _) = await server.SendAsync(HttpMethod.Delete, "/v1/sessions/team%2Falice");

        Assert.Equal((400, 400), (get, delete));
        Assert.Equal(("invalid_request_error", "session_id"), ((string?)body["error"]!["type"], (string?)body["error"]!["param"]));
    }

    [Fact]
    public async Task IdWithEveryAllowedCharacter_IsCreatedReadAndDeleted()
    {
        const string id = "Team_1.alice:chat-2";
        await using var server = await ApiTestServer.StartAsync();

        var (created, _) = await server.PostJsonAsync("/v1/chat/completions", ChatBody, r => r.Headers.Add("X-Session-Id", id));
        server.Backend.Sessions[id] = Transcript(id);
        var (read, body) = await server.SendAsync(HttpMethod.Get, $"/v1/sessions/{id}");
        var (deleted, _) = await server.SendAsync(HttpMethod.Delete, $"/v1/sessions/{id}");

        Assert.Equal((200, 200, 200), (created, read, deleted));
        Assert.Equal(id, (string?)body["session_id"]);
        Assert.Equal(id, Assert.Single(server.Backend.Jobs).AffinityKey);
    }
}
